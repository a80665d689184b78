#!/usr/bin/env bash
# The README's second command: install what is missing, start the services, run every test.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$HERE/ensure-deps.sh"
cd "$HERE/.."
exec bash "$HERE/with-services.sh" npx jest "$@"
