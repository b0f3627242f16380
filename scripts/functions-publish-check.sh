#!/usr/bin/env bash
# Publishes the Azure Functions app (functions/Faas.Serverless.Functions) as `azd deploy` does, `dotnet publish -c
# Release`, and checks what the Functions host would read: functions.metadata lists HTTP, timer, orchestration and
# activity functions, host.json is there, and both are the build output's, which the route-parity test
# (tests/Faas.Serverless.Functions.Tests) compares with the local host. Fails on any build warning.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAAS_ROOT"

PROJECT=functions/Faas.Serverless.Functions
BUILD_DIR="$PROJECT/bin/Release/net10.0"
out_dir="$(mktemp -d)"
trap 'rm -rf "$out_dir"' EXIT

info "dotnet publish $PROJECT -c Release"
log="$out_dir/publish.log"
if ! dotnet publish "$PROJECT/Faas.Serverless.Functions.csproj" -c Release -o "$out_dir/app" --nologo -v minimal >"$log" 2>&1; then
  cat "$log" >&2
  die "the Functions app did not publish (log above)."
fi
if grep -E ': warning [A-Z]+[0-9]+' "$log" >&2; then
  die "the Functions app published with warnings (above)."
fi

for file in functions.metadata host.json; do
  [ -f "$out_dir/app/$file" ] || die "the published app has no $file."
  cmp -s "$out_dir/app/$file" "$BUILD_DIR/$file" || die "the published $file differs from the build output's ($BUILD_DIR/$file)."
done

python3 - "$out_dir/app/functions.metadata" <<'PY'
"""Counts the published functions by trigger; fails when a kind the app must have is missing."""
import collections
import json
import sys

with open(sys.argv[1], encoding="utf-8") as file:
    functions = json.load(file)
kinds = collections.Counter(
    binding["type"] for function in functions for binding in function["bindings"] if binding["type"].endswith("Trigger"))
print("functions.metadata: " + ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())))
missing = [kind for kind in ("httpTrigger", "timerTrigger", "orchestrationTrigger", "activityTrigger") if not kinds[kind]]
if missing:
    sys.exit("error: functions.metadata has no " + ", ".join(missing))
PY
