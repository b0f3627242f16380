#!/usr/bin/env bash
# Starts Faas.Serverless on this machine: the Azurite storage emulator and the API host.
#
#   ./scripts/start.sh            # API on http://127.0.0.1:7071, Ctrl-C stops everything it started
#
# Environment:
#   FAAS_PORT=7071               port of the API host (loopback only)
#   FAAS_START_TIMEOUT=180       seconds to wait for Azurite and for GET /api/health
#   FAAS_FOLLOW_LOGS=1           stream the host log to the terminal after start-up (0 to keep quiet)
#   Faas__Auth__AdminKey         admin API key to use instead of .data/admin.key
#
# Safe to run again: it reuses node_modules/, a running Azurite, local.settings.json and .data/admin.key.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAAS_ROOT"

PORT="${FAAS_PORT:-7071}"
START_TIMEOUT="${FAAS_START_TIMEOUT:-180}"
FOLLOW_LOGS="${FAAS_FOLLOW_LOGS:-1}"
URL="http://127.0.0.1:${PORT}"
HOST_PROJECT="hosts/Faas.Serverless.Host"
DATA_DIR="$FAAS_ROOT/.data"
LOG_DIR="$DATA_DIR/logs"
KEY_FILE="$DATA_DIR/admin.key"
AZURITE_DIR="$FAAS_ROOT/.azurite"
AZURITE_LOG="$LOG_DIR/azurite.log"
HOST_LOG="$LOG_DIR/host.log"
if [ "$PORT" != "7071" ]; then HOST_LOG="$LOG_DIR/host-$PORT.log"; fi
HOST_LOG_REL=".data/logs/$(basename "$HOST_LOG")"
AZURITE_PORTS=(10000 10001 10002)

AZURITE_PID=""
HOST_PID=""
TAIL_PID=""
LAST_PID=""

case "$PORT" in
  '' | *[!0-9]*) die "FAAS_PORT must be a port number, got '$PORT'." ;;
esac
if [ "$PORT" -lt 1 ] || [ "$PORT" -gt 65535 ]; then
  die "FAAS_PORT must be between 1 and 65535, got '$PORT'."
fi
case "$START_TIMEOUT" in
  '' | *[!0-9]*) die "FAAS_START_TIMEOUT must be a number of seconds, got '$START_TIMEOUT'." ;;
esac

# start_background LOG CMD...: runs CMD in the background, appending its output to LOG. With setsid the
# command leads its own process group, so stop_process can stop its whole tree (dotnet run starts the app
# as a child process). Sets LAST_PID.
USE_SETSID=0
if command -v setsid >/dev/null 2>&1; then USE_SETSID=1; fi
start_background() {
  local log="$1"
  shift
  if [ "$USE_SETSID" = 1 ]; then
    setsid "$@" >>"$log" 2>&1 </dev/null &
  else
    "$@" >>"$log" 2>&1 </dev/null &
  fi
  LAST_PID=$!
}

# stop_process PID NAME: SIGTERM to the process (its process group with setsid), SIGKILL after 20 s.
# shellcheck disable=SC2317  # reached through the EXIT trap
stop_process() {
  local pid="$1" name="$2" target="$1" _
  [ -n "$pid" ] || return 0
  if [ "$USE_SETSID" = 1 ]; then target="-$pid"; fi
  if kill -0 -- "$target" 2>/dev/null; then
    info "Stopping $name (pid $pid)"
    kill -TERM -- "$target" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 -- "$target" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 -- "$target" 2>/dev/null; then
      warn "$name did not stop within 20 s; killing it."
      kill -KILL -- "$target" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

# shellcheck disable=SC2317  # reached through the EXIT trap
cleanup() {
  trap - EXIT INT TERM HUP
  if [ -n "$TAIL_PID" ]; then
    kill "$TAIL_PID" 2>/dev/null || true
    wait "$TAIL_PID" 2>/dev/null || true
  fi
  stop_process "$HOST_PID" "the Faas host"
  stop_process "$AZURITE_PID" "Azurite"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# http_ok URL: true when GET URL answers 200 (ignores any HTTP proxy: this is loopback).
http_ok() {
  python3 - "$1" <<'PY'
import sys, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
try:
    with opener.open(sys.argv[1], timeout=3) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception:
    sys.exit(1)
PY
}

# ---------------------------------------------------------------------------------------------------
info "Checking prerequisites (dotnet, node, npm, python3)"
check_prerequisites
[ -f "$HOST_PROJECT/Faas.Serverless.Host.csproj" ] || die "cannot find $HOST_PROJECT in $FAAS_ROOT."

if port_open 127.0.0.1 "$PORT"; then
  die "something already listens on 127.0.0.1:$PORT (a Faas host started earlier?). Stop it, or choose another port: FAAS_PORT=7072 ./scripts/start.sh"
fi

(umask 077 && mkdir -p "$LOG_DIR" "$AZURITE_DIR")
protect_secrets
ensure_azurite
ensure_bubblewrap

# --- Storage: Azurite -------------------------------------------------------------------------------
listening=()
for p in "${AZURITE_PORTS[@]}"; do
  if port_open 127.0.0.1 "$p"; then listening+=("$p"); fi
done
if [ "${#listening[@]}" -eq "${#AZURITE_PORTS[@]}" ]; then
  STORAGE_NOTE="existing storage emulator on 127.0.0.1:10000-10002 (not started by this script)"
  info "Something already listens on 127.0.0.1:10000-10002; reusing it as the storage emulator."
elif [ "${#listening[@]}" -gt 0 ]; then
  die "port(s) ${listening[*]} are in use but not all of 10000-10002; stop whatever holds them so Azurite can start."
else
  info "Starting Azurite (data in .azurite/, log in .data/logs/azurite.log)"
  : >"$AZURITE_LOG"
  start_background "$AZURITE_LOG" "$FAAS_ROOT/node_modules/.bin/azurite" \
    --location "$AZURITE_DIR" --silent --skipApiVersionCheck --disableTelemetry \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1
  AZURITE_PID="$LAST_PID"
  deadline=$((SECONDS + START_TIMEOUT))
  for p in "${AZURITE_PORTS[@]}"; do
    until port_open 127.0.0.1 "$p"; do
      if ! kill -0 "$AZURITE_PID" 2>/dev/null; then
        tail -n 30 "$AZURITE_LOG" >&2 || true
        die "Azurite exited during start-up (log above, full log in .data/logs/azurite.log)."
      fi
      [ "$SECONDS" -lt "$deadline" ] || die "Azurite did not open port $p within ${START_TIMEOUT}s; see .data/logs/azurite.log."
      sleep 0.5
    done
  done
  STORAGE_NOTE="Azurite on 127.0.0.1:10000-10002 (pid $AZURITE_PID, data in .azurite/)"
  info "Azurite is accepting connections on 10000 (blob), 10001 (queue), 10002 (table)"
fi

# --- Settings and admin key -------------------------------------------------------------------------
if [ ! -f local.settings.json ]; then
  [ -f local.settings.sample.json ] || die "local.settings.sample.json is missing from $FAAS_ROOT."
  (umask 077 && cp local.settings.sample.json local.settings.json)
  info "Created local.settings.json from local.settings.sample.json"
fi
protect_secrets

if [ -n "${Faas__Auth__AdminKey:-}" ]; then
  ADMIN_KEY="$Faas__Auth__AdminKey"
  KEY_NOTE="from the Faas__Auth__AdminKey environment variable"
elif [ -s "$KEY_FILE" ]; then
  ADMIN_KEY="$(head -n 1 "$KEY_FILE" | tr -d '[:space:]')"
  [ -n "$ADMIN_KEY" ] || die "$KEY_FILE is empty; delete it to generate a new key."
  chmod 600 "$KEY_FILE"
  KEY_NOTE="reused from .data/admin.key"
else
  if command -v openssl >/dev/null 2>&1; then
    ADMIN_KEY="faas_admin_$(openssl rand -hex 32)"
  else
    ADMIN_KEY="faas_admin_$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
  fi
  (umask 077 && printf '%s\n' "$ADMIN_KEY" >"$KEY_FILE.tmp")
  mv "$KEY_FILE.tmp" "$KEY_FILE"
  chmod 600 "$KEY_FILE"
  KEY_NOTE="generated and saved in .data/admin.key (mode 600)"
fi
export Faas__Auth__AdminKey="$ADMIN_KEY"

# --- Build and run the host -------------------------------------------------------------------------
info "Building the host (dotnet build -c Release)"
dotnet build "$HOST_PROJECT/Faas.Serverless.Host.csproj" -c Release --nologo -v minimal ||
  die "the build failed (errors above)."

info "Starting the host on $URL (log in $HOST_LOG_REL)"
: >"$HOST_LOG"
start_background "$HOST_LOG" dotnet run --no-build -c Release --project "$HOST_PROJECT" -- --urls "$URL"
HOST_PID="$LAST_PID"

deadline=$((SECONDS + START_TIMEOUT))
until http_ok "$URL/api/health"; do
  if ! kill -0 "$HOST_PID" 2>/dev/null; then
    tail -n 40 "$HOST_LOG" >&2 || true
    die "the host exited during start-up (log above, full log in $HOST_LOG_REL)."
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    tail -n 40 "$HOST_LOG" >&2 || true
    die "GET $URL/api/health did not answer 200 within ${START_TIMEOUT}s (is storage reachable? log above)."
  fi
  sleep 1
done

cat <<EOF

  Faas.Serverless is running.

    API         $URL   (health: $URL/api/health)
    Dashboard   $URL/   (sign in with a key)
    Reference   $URL/scalar/v1   (OpenAPI: $URL/openapi/v1.json)
    Admin key   $ADMIN_KEY
                ($KEY_NOTE)
    Storage     $STORAGE_NOTE
    Logs        $HOST_LOG_REL, .data/logs/azurite.log

  Try it with the faas CLI (README: "First package with the faas CLI"):

    ./scripts/install-cli.sh && export PATH="\$PWD/.tools/bin:\$PATH"
    faas login --url $URL --api-key-stdin < .data/admin.key

  Press Ctrl-C to stop the host and the Azurite this script started.

EOF

if [ "$FOLLOW_LOGS" != "0" ]; then
  tail -n 0 -F "$HOST_LOG" &
  TAIL_PID=$!
fi

rc=0
wait "$HOST_PID" || rc=$?
warn "the host exited with code $rc (see $HOST_LOG_REL)."
exit "$rc"
