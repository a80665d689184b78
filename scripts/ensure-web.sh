#!/usr/bin/env bash
# Builds the staff pages and the customer widget (frontend/ → frontend/dist, Vite: agent.html,
# widget.js, widget.css) when any is missing or older than the sources (anything under frontend/,
# the widget's included), so that `npm test` on a fresh clone serves what `npm run demo` does.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
stamp=frontend/dist/agent.html
# Every page must be there (a dist from before a page was added lacks it), and none older than its sources.
widget=frontend/dist/widget.js
if [ -f "$stamp" ] && [ -f frontend/dist/supervisor.html ] && [ -f "$widget" ] && [ -f frontend/dist/widget.css ] &&
  [ "$stamp" -nt package-lock.json ] && [ "$widget" -nt package-lock.json ] &&
  [ -z "$(find frontend -path frontend/dist -prune -o -type f -newer "$stamp" -print -quit)" ] &&
  [ -z "$(find frontend -path frontend/dist -prune -o -type f -newer "$widget" -print -quit)" ]; then
  exit 0
fi
echo "[web] building the staff pages and the customer widget (vite)" >&2
npm run --silent build:web >&2
