#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's browser tests (tests/Faas.Serverless.Dashboard.Tests), which
# drive it through Playwright: Playwright's own browser download cannot work here. Idempotent and quiet: does
# nothing when chromium is already on PATH. Needs root and apt-get; otherwise says so and exits 0, and the
# browser tests fail naming the missing binary.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  printf 'warning: chromium is not installed and cannot be installed here (needs root and apt-get); the dashboard browser tests will fail.\n' >&2
  exit 0
fi
printf '==> Installing chromium (apt-get install chromium) for the dashboard browser tests\n'
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1; then
  apt-get update -q >/dev/null 2>&1
  apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1
fi
command -v chromium >/dev/null 2>&1 || { printf 'error: chromium is still missing after apt-get install.\n' >&2; exit 1; }
