# shellcheck shell=bash
# Helpers shared by scripts/start.sh and scripts/test.sh. Source it; do not run it.

# Repository root (the parent of scripts/), whatever the caller's working directory.
FAAS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export FAAS_ROOT

# Quieter, telemetry-free dotnet.
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

info() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# require_tool NAME HINT: fail with a helpful message when NAME is not on PATH.
require_tool() {
  local name="$1" hint="$2"
  if ! command -v "$name" >/dev/null 2>&1; then
    die "'$name' was not found on PATH. $hint"
  fi
}

# check_prerequisites: dotnet (SDK 10), node, npm and python3 must be installed.
check_prerequisites() {
  require_tool dotnet "Install the .NET 10 SDK: https://dotnet.microsoft.com/download/dotnet/10.0"
  require_tool node "Install Node.js 20 or newer (it runs the Azurite storage emulator): https://nodejs.org/"
  require_tool npm "npm ships with Node.js; reinstall Node.js 20 or newer: https://nodejs.org/"
  require_tool python3 "Install Python 3.10 or newer (the Python worker and the scripts use it): https://www.python.org/downloads/"
  if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    die "the .NET 10 SDK is required (found: $(dotnet --list-sdks 2>/dev/null | awk '{print $1}' | paste -sd ' ' -)). Install it: https://dotnet.microsoft.com/download/dotnet/10.0"
  fi
  local node_major
  node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$node_major" -lt 18 ]; then
    die "Node.js 18 or newer is required for Azurite (found $(node --version 2>/dev/null || echo unknown))."
  fi
}

# ensure_azurite: install the npm dev dependencies (Azurite) when node_modules/.bin/azurite is missing.
ensure_azurite() {
  if [ -x "$FAAS_ROOT/node_modules/.bin/azurite" ]; then
    return 0
  fi
  info "Installing Azurite (npm dev dependency) into node_modules/"
  if [ -f "$FAAS_ROOT/package-lock.json" ]; then
    (cd "$FAAS_ROOT" && npm ci --no-audit --no-fund) || die "npm ci failed; check your network access to the npm registry."
  else
    (cd "$FAAS_ROOT" && npm install --no-audit --no-fund) || die "npm install failed; check your network access to the npm registry."
  fi
  [ -x "$FAAS_ROOT/node_modules/.bin/azurite" ] || die "node_modules/.bin/azurite is still missing after npm install."
}

# port_open HOST PORT: true when something accepts TCP connections on HOST:PORT.
port_open() {
  python3 - "$1" "$2" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(1.0)
try:
    sys.exit(0 if s.connect_ex((sys.argv[1], int(sys.argv[2]))) == 0 else 1)
finally:
    s.close()
PY
}

# ensure_bubblewrap: replicas run inside bubblewrap (bwrap) where it is installed. As root, install it with
# apt-get when it is missing; without it replicas are still separated by uid, so a failure is only a warning.
ensure_bubblewrap() {
  if command -v bwrap >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    warn "bubblewrap (bwrap) is not installed: replicas run without a sandbox (see docs/security.md)."
    return 0
  fi
  info "Installing bubblewrap (apt-get install bubblewrap) to sandbox replicas"
  if ! { DEBIAN_FRONTEND=noninteractive apt-get install -y -q bubblewrap >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q bubblewrap >/dev/null 2>&1; }; }; then
    warn "apt-get could not install bubblewrap: replicas run without a sandbox, each as its own uid (see docs/security.md)."
  fi
}

# protect_secrets: the files that hold secrets (the admin key, the storage key, the emulator's data) are
# readable by their owner only, so user code running as another uid cannot read them.
protect_secrets() {
  local path
  for path in "$FAAS_ROOT/.data" "$FAAS_ROOT/.azurite"; do
    if [ -d "$path" ]; then chmod 700 "$path"; fi
  done
  for path in "$FAAS_ROOT/.data/admin.key" "$FAAS_ROOT/local.settings.json"; do
    if [ -f "$path" ]; then chmod 600 "$path"; fi
  done
}
