#!/usr/bin/env bash
# The README's first command: install what is missing, start Redis and the store (H2 backend,
# kept in .data/mongo), build, seed the demo data and run the service.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$HERE/ensure-deps.sh"
cd "$HERE/.."
npm run build >&2
exec bash "$HERE/with-services.sh" bash -c 'node dist/src/seed/seed.cli.js && exec node dist/src/main.js'
