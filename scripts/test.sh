#!/usr/bin/env bash
# The README's second command: install what is missing, start the services, run every test.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Tests run on the memory backend (faster; each test file makes its own database anyway).
export POWERDESK_STORE="${POWERDESK_STORE:-memory}"
bash "$HERE/ensure-deps.sh"
# The browser e2e specs drive Debian's Chromium with playwright-core.
bash "$HERE/ensure-chromium.sh"
cd "$HERE/.."
exec bash "$HERE/with-services.sh" npx jest "$@"
