#!/usr/bin/env bash
# Runs the NLU benchmarks of docs/benchmarks.md one after another (never in parallel: timings
# are per core). Usage: bash bench/nlu/run-benchmarks.sh [datasets dir] > results.log
set -euo pipefail
D=${1:-/work/shared/datasets}
cd "$(dirname "$0")/../.."
run() { echo "### $*"; npm run -s nlu -- "$@" | tail -25; }
run eval --train "$D/banking77/train.jsonl" --test "$D/banking77/test.jsonl"
run eval --train "$D/clinc150/train.jsonl" --test "$D/clinc150/val.jsonl"
run eval --train "$D/smp2017/train.jsonl" --test "$D/smp2017/val.jsonl"
run eval --test src/nlu/data/utility-validation.jsonl
run eval --train src/nlu/data/utility-train.jsonl --test src/nlu/data/utility-validation.jsonl
# The encoder cascade beside the fast model (needs bash scripts/ensure-encoder.sh; encodings cached).
if [ -f .data/encoder/manifest.json ]; then
  run eval --train "$D/banking77/train.jsonl" --test "$D/banking77/test.jsonl" --encoder on
  run eval --train "$D/clinc150/train.jsonl" --test "$D/clinc150/val.jsonl" --encoder on
  run eval --train "$D/smp2017/train.jsonl" --test "$D/smp2017/val.jsonl" --encoder on
  run eval --test src/nlu/data/utility-validation.jsonl --encoder on
  run eval --train src/nlu/data/utility-train.jsonl --test src/nlu/data/utility-validation.jsonl --encoder on
  npx ts-node --transpile-only bench/nlu/cascade-burst.ts 100,300,500 10 30
fi
