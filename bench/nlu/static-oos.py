"""Exploratory: do sentence-similarity vectors (a static table distilled from an encoder, or the
full encoder) lift clinc150 out-of-scope recall at precision >= 0.85?
Inputs: /tmp/m2v/signals.json from bench/nlu/dump-signals.ts, and the tables/vectors written by
bench/nlu/static-distill.py (see its header for obtaining the weights).
Usage: venv/bin/python bench/nlu/static-oos.py REP [REP...]
  REP = full:minilm | full:bge | static:minilm:DIMS:WEIGHTING | static:bge:DIMS:WEIGHTING
      | learned:minilm|bge:LAMBDA (tokenlearn-style ridge fit to the full encoder) | wordllama:mean|idf
      | ctx:minilm|bge:idf|none (token rows = contextual outputs averaged over train occurrences)
  WEIGHTING = idf (smoothed idf of wordpieces over train) | zipf (log(1 + vocab rank)) | none,
      optionally suffixed -raw (table rows not centred)
Prints, per representation: each signal's oracle (threshold picked on val) recall at precision
>= 0.85, the oracle of a logistic combination fitted on val, and the honest figure (logistic +
threshold tuned on the out-of-fold train rows: all 5 folds = all 100 oos lines, or fold 0 only).
"""
import json, sys
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

D = '/work/shared/datasets/clinc150'
TEXTS = {s: [json.loads(l)['text'] for l in open(f'{D}/{s}.jsonl')] for s in ['train', 'val']}
S = json.load(open('/tmp/m2v/signals.json'))
labels = S['labels']; OI = labels.index('oos')
tr, va = S['train'], S['val']
fold = np.array([r['fold'] for r in tr]); ytr = np.array([r['gold'] for r in tr]); yva = np.array([r['gold'] for r in va])
toptr = np.array([r['top'] for r in tr]); topva = np.array([r['top'] for r in va])
Xtr0 = np.array([r['sig'] for r in tr]); Xva0 = np.array([r['sig'] for r in va])
BASE = ['topP', 'margin', 'oosP', 'topScore', 'nn', 'nnClass', 'coverage']
TOK = {'minilm': '/tmp/m2v/minilm/all-minilm-l6-v2-tokenizer.json', 'bge': '/tmp/m2v/bge/bge-small-en-v1.5-tokenizer.json'}


def norm(v):
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


def static_vectors(model, dims, weighting):
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(TOK[model]); tok.no_padding(); tok.no_truncation()
    T = np.fromfile(f'/tmp/m2v/out-{model}/tokens.f32', np.float32).reshape(-1, 384)
    raw = weighting.endswith('-raw')  # keep the encoder's common direction (no centring)
    weighting = weighting.removesuffix('-raw')
    if not raw:
        T = T - T.mean(0)
    if dims < 384:  # PCA on the table rows
        _, _, vt = np.linalg.svd(T[1000:], full_matrices=False)  # skip [unused*] rows
        T = T @ vt[:dims].T
    enc = {s: [[i for i in e.ids[1:-1]] for e in tok.encode_batch(t)] for s, t in TEXTS.items()}
    V = T.shape[0]
    if weighting == 'idf':
        df = np.zeros(V)
        for ids in enc['train']:
            df[list(set(ids))] += 1
        w = np.log((len(enc['train']) + 1) / (df + 1)) + 1
    elif weighting == 'zipf':
        w = np.log(1 + np.arange(V))
    else:
        w = np.ones(V)
    out = {}
    for s, ids_list in enc.items():
        M = np.zeros((len(ids_list), T.shape[1]), np.float32)
        for i, ids in enumerate(ids_list):
            if ids:
                M[i] = (w[ids, None] * T[ids]).sum(0)
        out[s] = norm(M)
    return out['train'], out['val']


def learned_tables(model, lam):
    """Tokenlearn-style: start from the distilled table (scaled), then fit a ridge correction so
    that the idf-weighted mean of a text's token rows regresses the full encoder's vector of that
    text. Returns fit(rows) -> (E_train, E_val) with the table fitted on TEXTS['train'][rows] only."""
    from scipy import sparse
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(TOK[model]); tok.no_padding(); tok.no_truncation()
    T0 = np.fromfile(f'/tmp/m2v/out-{model}/tokens.f32', np.float32).reshape(-1, 384).astype(np.float64)
    T0 = T0 - T0[1000:].mean(0)
    Y, _ = full_vectors(model)
    enc = {s: [e.ids[1:-1] for e in tok.encode_batch(t)] for s, t in TEXTS.items()}
    V = T0.shape[0]
    df = np.zeros(V)
    for ids in enc['train']:
        df[list(set(ids))] += 1
    w = np.log((len(enc['train']) + 1) / (df + 1)) + 1

    def bag(ids_list):
        r, c, v = [], [], []
        for i, ids in enumerate(ids_list):
            tot = sum(w[t] for t in ids) or 1
            for t in ids:
                r.append(i); c.append(t); v.append(w[t] / tot)
        return sparse.csr_matrix((v, (r, c)), shape=(len(ids_list), V))
    A = {s: bag(x) for s, x in enc.items()}

    def fit(rows):
        Af = A['train'][rows]; Yf = Y[rows]
        P0 = Af @ T0
        scale = (P0 * Yf).sum() / (P0 * P0).sum()
        cols = np.unique(Af.indices)
        Ac = Af[:, cols].toarray()
        R = Yf - scale * P0
        delta = np.linalg.solve(Ac.T @ Ac + lam * np.eye(len(cols)), Ac.T @ R)
        T = scale * T0; T[cols] += delta
        return norm(np.asarray(A['train'] @ T)), norm(np.asarray(A['val'] @ T))
    return fit


WL = '/tmp/m2v/venv/lib/python3.11/site-packages/wordllama'


def wordllama_vectors(weighting):
    """WordLlama l2_supercat 256-d (MIT; static token table trained for similarity, shipped in
    the PyPI wheel `wordllama`: `venv/bin/pip install wordllama`). Mean of the token rows (as the
    package does, <s> included) or idf-weighted."""
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer
    T = load_file(f'{WL}/weights/l2_supercat_256.safetensors')['embedding.weight'].astype(np.float32)
    tok = Tokenizer.from_file(f'{WL}/tokenizers/l2_supercat_tokenizer_config.json')
    tok.no_padding(); tok.no_truncation()
    enc = {s: [e.ids for e in tok.encode_batch(t)] for s, t in TEXTS.items()}
    df = np.zeros(len(T))
    for ids in enc['train']:
        df[list(set(ids))] += 1
    w = np.log((len(enc['train']) + 1) / (df + 1)) + 1 if weighting == 'idf' else np.ones(len(T))
    out = {s: norm(np.stack([(w[ids, None] * T[ids]).sum(0) for ids in x])) for s, x in enc.items()}
    return out['train'], out['val']


def ctx_tables(model, weighting):
    """Contextual static table: each token's row is the encoder's output for it averaged over its
    occurrences in train (static-distill.py ... ctx), the single-token row where it never occurs.
    Returns fit(exclude_fold) -> (E_train, E_val) from a table built without that fold's texts."""
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(TOK[model]); tok.no_padding(); tok.no_truncation()
    T0 = np.fromfile(f'/tmp/m2v/out-{model}/tokens.f32', np.float32).reshape(-1, 384)
    z = np.load(f'/tmp/m2v/out-{model}/ctx.npz')
    used, sums, counts = z['used'], z['sums'], z['counts']
    enc = {s: [e.ids[1:-1] for e in tok.encode_batch(t)] for s, t in TEXTS.items()}
    V = T0.shape[0]
    df = np.zeros(V)
    for ids in enc['train']:
        df[list(set(ids))] += 1
    w = np.log((len(enc['train']) + 1) / (df + 1)) + 1 if weighting == 'idf' else np.ones(V)

    def fit(exclude):
        keep = [f for f in range(5) if f != exclude]
        c = counts[keep].sum(0); T = T0.copy()
        T[used[c > 0]] = sums[keep].sum(0)[c > 0] / c[c > 0, None]
        return tuple(norm(np.stack([(w[ids, None] * T[ids]).sum(0) if ids else np.zeros(384) for ids in enc[s]]))
                     for s in ['train', 'val'])
    return fit


def full_vectors(model):
    a = np.fromfile(f'/tmp/m2v/out-{model}/sent-train.f32', np.float32).reshape(-1, 384)
    b = np.fromfile(f'/tmp/m2v/out-{model}/sent-val.f32', np.float32).reshape(-1, 384)
    return a, b


DENSE = ['maxCent', 'topCent', 'oosCent', 'knn1', 'knn5', 'knnTop', 'knnOos', 'maha', 'denseP']


def dense_signals(Eref, yref, Eq, top):
    """Signals of query vectors Eq against reference vectors Eref with labels yref."""
    C = len(labels)
    cent = np.zeros((C, Eref.shape[1]))
    for c in range(C):
        cent[c] = Eref[yref == c].mean(0)
    centn = norm(cent)
    cs = Eq @ centn.T
    ins = np.arange(C) != OI
    maxCent = cs[:, ins].max(1); topCent = cs[np.arange(len(Eq)), top]; oosCent = cs[:, OI]
    R = Eref[yref != OI]; yr = yref[yref != OI]
    sims = Eq @ R.T
    part = np.partition(sims, -5, axis=1)[:, -5:]
    knn1 = part.max(1); knn5 = part.mean(1)
    knnTop = np.array([sims[i, yr == top[i]].max() for i in range(len(Eq))])
    knnOos = (Eq @ Eref[yref == OI].T).max(1)
    # Mahalanobis to the nearest in-scope class mean, shared covariance with 10 % shrinkage.
    d = R - cent[yr]
    cov = d.T @ d / len(d); cov += 0.1 * np.trace(cov) / len(cov) * np.eye(len(cov))
    P = np.linalg.inv(cov)
    mu = cent[ins]
    qP = Eq @ P
    m2 = (qP * Eq).sum(1)[:, None] - 2 * qP @ mu.T + ((mu @ P) * mu).sum(1)[None]
    maha = np.sqrt(np.maximum(m2.min(1), 0))
    # Cosine-softmax "dense classifier" probability of the best class (scale 20).
    z = 20 * cs[:, ins]; z -= z.max(1, keepdims=True); p = np.exp(z); p /= p.sum(1, keepdims=True)
    denseP = p.max(1)
    return np.stack([maxCent, topCent, oosCent, knn1, knn5, knnTop, knnOos, maha, denseP], 1)


def rec_at(score, is_oos, prec=0.85):
    o = np.argsort(-score); t = is_oos[o]
    tp = np.cumsum(t); fp = np.cumsum(~t); P = t.sum()
    ok = tp / (tp + fp) >= prec
    return (tp[ok].max() / P) if ok.any() else 0.0


def threshold(score, is_oos, prec):
    o = np.argsort(-score); s = score[o]; t = is_oos[o]
    tp = np.cumsum(t); fp = np.cumsum(~t)
    best = np.inf
    for k in range(len(s) - 1):
        if s[k + 1] == s[k]:
            continue
        if tp[k] / (tp[k] + fp[k]) >= prec:
            best = (s[k] + s[k + 1]) / 2
    return best


def lr_fit(X, y):
    sc = StandardScaler().fit(X)
    m = LogisticRegression(C=1.0, max_iter=2000).fit(sc.transform(X), y)
    return lambda Z: m.decision_function(sc.transform(Z))


def evaluate(name, Xtr, Xva, cols, target=0.9, folds=None):
    is_tr = ytr == OI; is_va = yva == OI
    rows = np.ones(len(ytr), bool) if folds is None else np.isin(fold, folds)
    f = lr_fit(Xtr[rows][:, cols], is_tr[rows])
    thr = threshold(f(Xtr[rows][:, cols]), is_tr[rows], target)
    sv = f(Xva[:, cols])
    pred = (sv >= thr) | (Xva[:, 2] > Xva[:, 0])  # + the trained oos class rule
    tp = (pred & is_va).sum(); fp = (pred & ~is_va).sum()
    inacc = ((~pred) & (topva == yva))[~is_va].mean()
    oracle_val = lr_fit(Xva[:, cols], is_va)(Xva[:, cols])
    print(f'  {name:34s} honest prec {tp / max(tp + fp, 1):.3f} rec {tp / is_va.sum():.3f} inAcc {inacc:.3f}'
          f' | rec@.85 of that score (val thr) {rec_at(sv, is_va):.3f} | LR fitted on val {rec_at(oracle_val, is_va):.3f}')


for rep in sys.argv[1:]:
    kind, model, *rest = rep.split(':')
    Dtr = np.zeros((len(ytr), len(DENSE)))
    if kind == 'ctx':
        fit = ctx_tables(model, rest[0])
        for f in range(5):
            q = fold == f
            E, _ = fit(f)
            Dtr[q] = dense_signals(E[~q], ytr[~q], E[q], toptr[q])
        Etr, Eva = fit(-1)
    elif kind == 'learned':
        fit = learned_tables(model, float(rest[0]))
        for f in range(5):
            q = fold == f
            E, _ = fit(np.where(~q)[0])
            Dtr[q] = dense_signals(E[~q], ytr[~q], E[q], toptr[q])
        Etr, Eva = fit(np.arange(len(ytr)))
    else:
        if kind == 'full':
            Etr, Eva = full_vectors(model)
        elif kind == 'wordllama':
            Etr, Eva = wordllama_vectors(model)
        else:
            Etr, Eva = static_vectors(model, int(rest[0]), rest[1])
        for f in range(5):
            q = fold == f
            Dtr[q] = dense_signals(Etr[~q], ytr[~q], Etr[q], toptr[q])
    Dva = dense_signals(Etr, ytr, Eva, topva)
    Xtr = np.hstack([Xtr0, Dtr]); Xva = np.hstack([Xva0, Dva])
    names = BASE + DENSE
    print(f'== {rep}')
    is_va = yva == OI
    print('  oracle per signal (low->oos / high->oos):',
          ', '.join(f'{n} {max(rec_at(-Xva[:, j], is_va), rec_at(Xva[:, j], is_va)):.2f}' for j, n in enumerate(names)))
    base = list(range(7)); dense = list(range(7, 7 + len(DENSE)))
    evaluate('current 7', Xtr, Xva, base)
    evaluate('dense only', Xtr, Xva, dense)
    evaluate('current 7 + dense', Xtr, Xva, base + dense)
    evaluate('current 7 + dense, prec target .85', Xtr, Xva, base + dense, 0.85)
    evaluate('current 7 + dense, fold 0 only', Xtr, Xva, base + dense, 0.9, [0])
    cheap = [7, 8, 9, 14, 15]  # centroids, Mahalanobis, dense softmax: no kNN over 15k vectors
    evaluate('current 7 + cheap dense', Xtr, Xva, base + cheap)
    evaluate('current 7 + cheap dense, target .85', Xtr, Xva, base + cheap, 0.85)
    np.save(f'/tmp/m2v/X-{rep.replace(":", "_")}.npy', {'Xtr': Xtr, 'Xva': Xva}, allow_pickle=True)
