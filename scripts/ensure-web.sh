#!/usr/bin/env bash
# Builds the staff pages (frontend/ → frontend/dist, Vite) when they are missing or older than
# their sources, so that `npm test` on a fresh clone serves the same pages `npm run demo` does.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
stamp=frontend/dist/agent.html
# Every page must be there (a dist from before a page was added lacks it), and none older than its sources.
if [ -f "$stamp" ] && [ -f frontend/dist/supervisor.html ] && [ "$stamp" -nt package-lock.json ] &&
  [ -z "$(find frontend -path frontend/dist -prune -o -type f -newer "$stamp" -print -quit)" ]; then
  exit 0
fi
echo "[web] building the staff pages (vite)" >&2
npm run --silent build:web >&2
