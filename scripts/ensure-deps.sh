#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or older than package-lock.json,
# so that the README's two commands work on a fresh clone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v node >/dev/null || { echo "[deps] Node.js 20 or later is needed" >&2; exit 1; }
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] installing npm dependencies (npm ci)" >&2
  # onnxruntime-node's install script would fetch CUDA files; its CPU binaries are in the package.
  ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund >&2
fi
# The NLU encoder (≈ 12 s the first time, then nothing): optional, the fast model answers without it.
bash "$ROOT/scripts/ensure-encoder.sh" || echo "[deps] NLU encoder not installed: the fast model alone will answer" >&2
# The staff pages (Vite): built once, then only when frontend/ changed.
bash "$ROOT/scripts/ensure-web.sh"
