#!/usr/bin/env bash
# Compiles and lints the Bicep of infra/ with the Bicep CLI restored from NuGet (infra/tools/BicepCli.csproj):
# `bicep build infra/main.bicep` and `bicep lint` on every .bicep file. Fails on any error or warning.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAAS_ROOT"

TOOLS_PROJECT=infra/tools/BicepCli.csproj
info "Restoring the Bicep CLI ($TOOLS_PROJECT)"
dotnet restore "$TOOLS_PROJECT" --nologo -v quiet >/dev/null
version="$(dotnet msbuild "$TOOLS_PROJECT" -nologo -getProperty:BicepVersion)"
package_root="$(dotnet msbuild "$TOOLS_PROJECT" -nologo -getProperty:NuGetPackageRoot)"
bicep="${package_root%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
[ -x "$bicep" ] || die "the Bicep CLI was not restored: $bicep is missing or not executable."
info "Bicep CLI $("$bicep" --version)"

out_dir="$(mktemp -d)"
trap 'rm -rf "$out_dir"' EXIT
diagnostics="$out_dir/diagnostics.txt"
: >"$diagnostics"
failed=0

# run COMMAND...: runs a bicep command, showing and keeping its diagnostics; a non-zero exit fails the check.
run() {
  local output rc=0
  output="$("$@" 2>&1)" || rc=$?
  if [ -n "$output" ]; then
    printf '%s\n' "$output" | tee -a "$diagnostics"
  fi
  if [ "$rc" -ne 0 ]; then
    warn "$* exited with code $rc"
    failed=1
  fi
}

info "bicep build infra/main.bicep"
run "$bicep" build infra/main.bicep --outdir "$out_dir"

mapfile -t files < <(find infra -name '*.bicep' -not -path '*/obj/*' -not -path '*/bin/*' | sort)
for file in "${files[@]}"; do
  info "bicep lint $file"
  run "$bicep" lint "$file"
done

errors="$(grep -c ' : Error ' "$diagnostics" || true)"
warnings="$(grep -c ' : Warning ' "$diagnostics" || true)"
info "Bicep: ${#files[@]} files, $errors errors, $warnings warnings"
if [ "$failed" -ne 0 ] || [ "$errors" -ne 0 ] || [ "$warnings" -ne 0 ]; then
  die "the Bicep check failed: every file must build and lint with zero errors and zero warnings."
fi
