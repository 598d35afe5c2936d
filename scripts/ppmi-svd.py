"""Word vectors by PPMI and truncated SVD, for scripts/train-vectors.

Reads text with one sentence per line (already stemmed and without stop
words), counts how often two words occur within WINDOW words of each other in
the same line (nearer pairs weigh more: (WINDOW - d + 1) / WINDOW at distance
d), turns the counts into positive pointwise mutual information with the
context distribution smoothed (counts to the power 0.75), and keeps the DIM
strongest singular directions of that matrix: each word's vector is its row
of U (singular values not applied; --power P scales direction i by its
singular value to the power P). Words seen fewer than MIN_COUNT times are
left out. Writes fastText's text format (.vec), words by falling frequency.

No random start: ARPACK starts from a fixed vector, and each direction's sign
is fixed, so the same input gives the same file.

    python3 ppmi-svd.py IN.txt OUT.vec [--window 10] [--dim 200] [--min-count 3]
                        [--smoothing 0.75] [--power 0]
"""

import argparse
import sys
from collections import Counter

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import svds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--window", type=int, default=10)
    ap.add_argument("--dim", type=int, default=200)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--smoothing", type=float, default=0.75)
    ap.add_argument("--power", type=float, default=0.0)
    args = ap.parse_args()

    with open(args.input, encoding="utf-8") as f:
        lines = [line.split() for line in f]
    counts = Counter(w for line in lines for w in line)
    vocab = sorted((w for w, c in counts.items() if c >= args.min_count),
                   key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    size = len(vocab)

    ids, line_of = [], []
    for n, line in enumerate(lines):
        for w in line:
            i = index.get(w)
            if i is not None:
                ids.append(i)
                line_of.append(n)
    ids = np.array(ids, dtype=np.int64)
    line_of = np.array(line_of, dtype=np.int64)

    rows, cols, vals = [], [], []
    for d in range(1, args.window + 1):
        same = line_of[:-d] == line_of[d:]
        a, b = ids[:-d][same], ids[d:][same]
        weight = (args.window - d + 1) / args.window
        rows += [a, b]
        cols += [b, a]
        vals += [np.full(a.size, weight), np.full(a.size, weight)]
    pairs = sp.coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                          shape=(size, size)).tocsr()
    pairs.sum_duplicates()

    total = pairs.sum()
    word_p = np.asarray(pairs.sum(axis=1)).ravel() / total
    context = np.asarray(pairs.sum(axis=0)).ravel() ** args.smoothing
    context_p = context / context.sum()
    pairs = pairs.tocoo()
    pmi = np.log(pairs.data / total / word_p[pairs.row] / context_p[pairs.col])
    keep = pmi > 0
    ppmi = sp.csr_matrix((pmi[keep], (pairs.row[keep], pairs.col[keep])), shape=(size, size))
    print(f"{size} words, {ppmi.nnz} positive pairs", file=sys.stderr)

    start = np.random.RandomState(0).rand(size)
    u, s, _ = svds(ppmi, k=args.dim, v0=start)
    order = np.argsort(-s)
    u = u[:, order] * (s[order] ** args.power)
    for j in range(args.dim):
        if u[np.argmax(np.abs(u[:, j])), j] < 0:
            u[:, j] = -u[:, j]

    with open(args.output, "w", encoding="utf-8") as out:
        out.write(f"{size} {args.dim}\n")
        for i, w in enumerate(vocab):
            out.write(w + " " + " ".join(f"{x:.6f}" for x in u[i]) + "\n")


if __name__ == "__main__":
    main()
