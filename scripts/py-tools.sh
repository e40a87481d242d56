#!/usr/bin/env bash
# Makes the Python virtual environment with the independent checkers the tests use (pikepdf and
# poppler for PDFs, openpyxl for workbooks, schemathesis for the API contract), outside the
# repository, and prints the path of its python.
#
#   scripts/py-tools.sh            # creates ${SAMMEN_PY_VENV:-/tmp/sammen-py-venv} when missing
#
# Installs only when a pinned package is missing, from PyPI; needs python3 with venv.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV="${SAMMEN_PY_VENV:-/tmp/sammen-py-venv}"
REQ="scripts/py-requirements.txt"

if [[ ! -x "$VENV/bin/python" ]]; then
    python3 -m venv "$VENV" >&2
fi
missing=0
while read -r line; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    name="${line%%==*}"
    want="${line##*==}"
    have="$("$VENV/bin/python" -m pip show "$name" 2>/dev/null | sed -n 's/^Version: //p' || true)"
    [[ "$have" == "$want" ]] || missing=1
done < "$REQ"
if [[ $missing -eq 1 ]]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REQ" >&2
fi
echo "$VENV/bin/python"
