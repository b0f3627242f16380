#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's browser tests (tests/Faas.Serverless.Dashboard.Tests), which
# drive it through Playwright: Playwright's own browser download cannot work here.
#
#   ./scripts/install-chromium.sh
#
# Idempotent and quiet: does nothing when chromium is already on PATH. Installing needs root and apt-get. It never
# fails the caller: without chromium it warns, the other tests still run, and the browser tests fail naming it.
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
# Waits for another apt-get holding the lock instead of failing at once.
apt_get() { apt-get -q -y -o DPkg::Lock::Timeout=120 "$@" >/dev/null 2>&1; }
packages=(chromium fonts-dejavu-core)
apt_get install --no-install-recommends "${packages[@]}" ||
  { apt_get update && apt_get install --no-install-recommends "${packages[@]}"; } ||
  true
if ! command -v chromium >/dev/null 2>&1; then
  printf 'warning: apt-get could not install chromium; the dashboard browser tests will fail.\n' >&2
fi
