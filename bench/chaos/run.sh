#!/usr/bin/env bash
# Chaos run (not part of CI): builds Release, starts Azurite on disk and a host like bench/run.sh does, submits 500
# executions of bench/chaos/package over 2 minutes while killing the host, runner agents, Python workers and Azurite
# with SIGKILL at random moments, then prints what was lost or recorded twice, bodies run twice, and recovery times.
#
#   ./bench/chaos/run.sh [--executions N] [--duration S] [--faults host,runner,worker,azurite] [--every MIN MAX]
#                        [--lease-seconds N] [--raw-azurite-kill] [--seed N] [--out FILE.json] [--keep]
#
# ./bench/chaos/run.sh --help lists every option.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
dotnet build Faas.Serverless.sln -c Release -nologo -v q >&2
exec python3 bench/chaos/chaos.py "$@"
