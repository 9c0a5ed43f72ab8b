"""Augmented-sample producer for train_digits3.py: writes WORK/aug/chunk_NNNNN.npz (chunk ids start, start+step, ...).
Chunk k: CHUNK_N samples drawn with np.random.default_rng([SEED, 5000, k]): 85% MNIST training images (0-44,999,
without replacement within a chunk) and 15% font digits (train.py FONT_FRAC), all "as Swift sees it" with train.py's
own code (prepare / prepare_fonts with aug_frac 1.0, neighbour glyphs from the training range, 20% as train.py).
Boxes Swift would see as empty are dropped. Stops at STOP_AT (unix time) or when aug/STOP exists."""
import os, sys, time
import numpy as np
from common import T, SEED, WORK, load

OUT = os.path.join(WORK, "aug")
CHUNK_N = 5000
IMGS = LABELS = None


def make_chunk(k):
    rng = np.random.default_rng([SEED, 5000, k])
    nf = int(round(CHUNK_N * T.FONT_FRAC))
    nm = CHUNK_N - nf
    tr = IMGS[T.TRAIN.start:T.TRAIN.stop]
    idx = rng.choice(np.arange(T.TRAIN.start, T.TRAIN.stop), nm, replace=False)
    X, e = T.prepare(IMGS[idx], rng, 1.0, neighbours=tr)
    Xf, yf, ef = T.prepare_fonts(nf, rng, 1.0, neighbours=tr)
    X = np.concatenate([X[~e], Xf[~ef]]); y = np.concatenate([LABELS[idx][~e], yf[~ef]])
    return X, y, int(e.sum() + ef.sum())


def main():
    global IMGS, LABELS
    start, step, stop_at = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    IMGS, LABELS = load()
    os.makedirs(OUT, exist_ok=True)
    k = start
    while time.time() < stop_at and not os.path.exists(os.path.join(OUT, "STOP")):
        path = os.path.join(OUT, "chunk_%05d.npz" % k)
        if not os.path.exists(path):
            t = time.time()
            X, y, ne = make_chunk(k)
            np.savez(path + ".tmp.npz", X=X.astype(np.float16), y=y.astype(np.int8), empty=ne)
            os.replace(path + ".tmp.npz", path)
            print(f"chunk {k} n {len(X)} empty {ne} {time.time() - t:.0f}s at {time.strftime('%H:%M:%S', time.gmtime())}", flush=True)
        k += step


if __name__ == "__main__":
    main()
