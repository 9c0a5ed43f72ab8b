"""Augmented-sample producer for train_digits3.py: writes WORK/aug/chunk_NNNNN.npz (chunk ids start, start+step, ...).
Chunk k: CHUNK_N samples drawn with np.random.default_rng([SEED, 5000, k]): 85% MNIST training images (0-44,999,
without replacement within a chunk) and 15% font digits (train.py FONT_FRAC), all "as Swift sees it" with train.py's
own code (prepare / prepare_fonts with aug_frac 1.0, neighbour glyphs from the training range, 20% as train.py).
Boxes Swift would see as empty are dropped. Stops at STOP_AT (unix time) or when aug/STOP exists."""
import numpy as np
from common import T, B3, SEED, WORK, load

CHUNK_N = 5000
IMGS = LABELS = None


def make_chunk(k, stream=5000, shapes=None):
    """Chunk k from default_rng([SEED, stream, k]); `shapes(images, labels, rng)`, when given, redraws the chosen MNIST
    glyphs first (digits4's continental shapes)."""
    rng = np.random.default_rng([SEED, stream, k])
    nf = int(round(CHUNK_N * T.FONT_FRAC))
    nm = CHUNK_N - nf
    tr = IMGS[T.TRAIN.start:T.TRAIN.stop]
    idx = rng.choice(np.arange(T.TRAIN.start, T.TRAIN.stop), nm, replace=False)
    glyphs = IMGS[idx] if shapes is None else shapes(IMGS[idx], LABELS[idx], rng)
    X, e = T.prepare(glyphs, rng, 1.0, neighbours=tr)
    Xf, yf, ef = T.prepare_fonts(nf, rng, 1.0, neighbours=tr)
    X = np.concatenate([X[~e], Xf[~ef]]); y = np.concatenate([LABELS[idx][~e], yf[~ef]])
    return X, y, int(e.sum() + ef.sum())


def load_images():
    global IMGS, LABELS
    IMGS, LABELS = load()


def main():  # aug_worker.py START STEP STOP_AT (the loop is ../boxnet3.py's)
    B3.run_aug_worker(WORK, load_images, make_chunk)


if __name__ == "__main__":
    main()
