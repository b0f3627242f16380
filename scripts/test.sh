#!/usr/bin/env bash
# Runs the whole Faas.Serverless test suite on this machine.
#
#   ./scripts/test.sh [extra dotnet test arguments, e.g. --filter "FullyQualifiedName~Packages"]
#
# Installs what the tests need (Azurite via npm when node_modules/.bin/azurite is missing; the test
# projects start their own in-memory Azurite on free ports), runs `dotnet test` on the solution with a
# TRX logger into TestResults/, then prints one final line: "Tests: N passed, N failed, N skipped".
# Exits non-zero when a test failed, the build or the test run failed, or no test ran at all.
# As root it installs bubblewrap with apt-get when bwrap is missing (the Security tests run replicas in it);
# without root and bubblewrap those tests are skipped, each saying why.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAAS_ROOT"

RESULTS_DIR="$FAAS_ROOT/TestResults"

info "Checking prerequisites (dotnet, node, npm, python3)"
check_prerequisites
ensure_azurite
ensure_bubblewrap
bash "$FAAS_ROOT/scripts/install-chromium.sh"

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

info "dotnet test Faas.Serverless.sln -c Release"
test_rc=0
dotnet test Faas.Serverless.sln -c Release --nologo \
  --logger "trx;LogFilePrefix=tests" \
  --results-directory "$RESULTS_DIR" \
  --blame-hang-timeout 5m \
  "$@" || test_rc=$?

python3 - "$RESULTS_DIR" "$test_rc" <<'PY'
"""Sums every TRX file under TestResults/ and prints the one-line summary (always the last line)."""
import pathlib
import sys
import xml.etree.ElementTree as ET

results_dir = pathlib.Path(sys.argv[1])
dotnet_rc = int(sys.argv[2])
NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"

passed = failed = skipped = 0
trx_files = sorted(results_dir.rglob("*.trx"))
unreadable = []
for trx in trx_files:
    try:
        root = ET.parse(trx).getroot()
    except ET.ParseError as error:
        unreadable.append(f"{trx.name}: {error}")
        continue
    results = root.find(f"{NS}Results")
    if results is None:
        continue
    # Only top-level results: data-driven tests may nest InnerResults under a parent result.
    for result in results.findall(f"{NS}UnitTestResult"):
        outcome = result.get("outcome", "")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive", "Pending", "Disconnected", "Warning"):
            skipped += 1
        else:  # Failed, Error, Timeout, Aborted, ...
            failed += 1
            name = result.get("testName", "?")
            print(f"FAILED: {name} ({outcome}) [{trx.name}]")

for message in unreadable:
    print(f"warning: could not read TRX file {message}")
if not trx_files:
    print(f"warning: no TRX files were written to {results_dir}")
if dotnet_rc != 0:
    print(f"dotnet test exited with code {dotnet_rc} (a build error, a failing test or a crashed/hung test host)")
total = passed + failed + skipped
if total == 0 or passed + failed == 0:
    print("error: no test ran")

print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
ok = dotnet_rc == 0 and failed == 0 and passed > 0 and not unreadable
sys.exit(0 if ok else 1)
PY
