#!/usr/bin/env bash
# Pushes a sample package: zips the CONTENTS of <sample-dir>/src (so main.py is at the zip root) and posts
# it with <sample-dir>/faas.json as a new package revision of the project.
#
#   FAAS_API_KEY=<admin key or user API key> samples/push.sh samples/hello-world <projectId>
#
# Environment: FAAS_URL (default http://127.0.0.1:7071), FAAS_API_KEY (required).
# Prints the JSON response; exits non-zero when the API answers with an error.
set -euo pipefail

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

if [ "$#" -ne 2 ]; then
  printf 'usage: %s <sample-dir> <projectId>\n' "$0" >&2
  printf '  e.g. FAAS_API_KEY=... %s samples/hello-world 3f2a...\n' "$0" >&2
  exit 2
fi
sample_dir="${1%/}"
project_id="$2"
url="${FAAS_URL:-http://127.0.0.1:7071}"
url="${url%/}"
api_key="${FAAS_API_KEY:-}"

command -v curl >/dev/null 2>&1 || die "curl is required."
command -v python3 >/dev/null 2>&1 || die "python3 is required (it builds the zip)."
[ -n "$api_key" ] || die "set FAAS_API_KEY to the admin key (see .data/admin.key) or a user API key."
[ -f "$sample_dir/faas.json" ] || die "$sample_dir/faas.json not found (the package schema)."
[ -d "$sample_dir/src" ] || die "$sample_dir/src not found (the codebase to zip)."
case "$project_id" in
  '' | */* | *' '*) die "invalid project id '$project_id'." ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
zip_path="$work/$(basename "$sample_dir").zip"

# Zip the contents of src/ with paths relative to src/, skipping caches and compiled files.
python3 - "$sample_dir/src" "$zip_path" <<'PY'
import os, sys, zipfile
root, target = sys.argv[1], sys.argv[2]
count = 0
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", ".git") and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")) or name.startswith("."):
                continue
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, root).replace(os.sep, "/"))
            count += 1
print(f"zipped {count} files from {root}", file=sys.stderr)
PY

response="$work/response.json"
status="$(curl -sS -o "$response" -w '%{http_code}' -X POST \
  "$url/api/v1/projects/$project_id/packages" \
  -H "Authorization: Bearer $api_key" \
  -F "schema=@$sample_dir/faas.json;type=application/json" \
  -F "codebase=@$zip_path;type=application/zip")" || die "could not reach $url (is ./scripts/start.sh running?)"

if python3 -m json.tool "$response" 2>/dev/null; then :; else cat "$response"; echo; fi
case "$status" in
  200) printf 'unchanged: the latest revision already has this schema and codebase; no revision was added.\n' >&2 ;;
  2??) ;;
  *) die "the API answered HTTP $status." ;;
esac
