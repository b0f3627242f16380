#!/usr/bin/env bash
# Builds the faas CLI from this repository and installs it as a .NET tool.
#
#   ./scripts/install-cli.sh              # installs into .tools/bin; add it to PATH
#   FAAS_TOOL_PATH=~/.local/bin ./scripts/install-cli.sh
#
# Safe to run again: it reinstalls the freshly packed build.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAAS_ROOT"

TOOL_PATH="${FAAS_TOOL_PATH:-$FAAS_ROOT/.tools/bin}"
PACKAGES="$FAAS_ROOT/.tools/packages"
require_tool dotnet "Install the .NET 10 SDK: https://dotnet.microsoft.com/download/dotnet/10.0"

info "Packing src/Faas.Serverless.Cli into $PACKAGES"
rm -rf "$PACKAGES"
dotnet pack src/Faas.Serverless.Cli -c Release -o "$PACKAGES" >/dev/null

info "Installing the faas tool into $TOOL_PATH"
dotnet tool uninstall --tool-path "$TOOL_PATH" Faas.Serverless.Cli >/dev/null 2>&1 || true
dotnet tool install --tool-path "$TOOL_PATH" --add-source "$PACKAGES" Faas.Serverless.Cli >/dev/null

info "Installed: $TOOL_PATH/faas"
case ":$PATH:" in
  *":$TOOL_PATH:"*) ;;
  *) printf '    add it to PATH:  export PATH="%s:$PATH"\n' "$TOOL_PATH" ;;
esac
