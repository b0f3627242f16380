#!/usr/bin/env bash
# Benchmarks the platform end to end on this machine: builds Release, starts a fresh in-memory Azurite and host
# on free ports, deploys bench/package and measures latency, throughput, storage requests, CPU and cold start.
#
#   ./bench/run.sh [--name NAME] [--quick] [--long] [--compare BASE.json]
#   ./bench/run.sh --compare BASE.json CURRENT.json      (ratios of two result files, no run)
#
# Writes bench/results/NAME.json and NAME.md. --long adds a 5,000 closed loop and an open loop at 20/s for 60 s.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
dotnet build Faas.Serverless.sln -c Release -nologo -v q >&2
exec dotnet bench/Faas.Serverless.Bench/bin/Release/net10.0/Faas.Serverless.Bench.dll "$@"
