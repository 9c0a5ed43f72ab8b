"""Augmented-sample producer for train_chars3.py: writes aug/chunk_NNNNN.npz (chunk ids start, start+step, ...).
Chunk k: CHUNK_N samples drawn with np.random.default_rng([SEED, 5000, k]): letters 60% / digits 25% "as Swift sees
it" (train_chars.strip_input, plain_frac 0), font characters 10.5% and font '@' 4.5% (train_chars' font path, 30% of
them plain renders). Training ranges only. Stops at STOP_AT (unix time) or when aug/STOP exists."""
import os, sys
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # models/boxnet: train.py, train_chars.py, boxnet3.py
os.environ.setdefault("BOXNET_DATA", os.path.join(HERE, "..", "..", "..", "..", "shared", "handwriting"))
WORK = os.environ.get("BOXNET_WORK", "/tmp/boxnet-chars3")  # samples, caches, checkpoint and outputs
import train_chars as TC
import boxnet3 as B3  # the worker loop (shared with digits3)

CHUNK_N = 5000

def make_chunk(k):
    rng = np.random.default_rng([TC.SEED, 5000, k])
    nl, nd, nf = int(CHUNK_N * 0.60), int(CHUNK_N * 0.25), int(CHUNK_N * 0.105)
    na = CHUNK_N - nl - nd - nf
    li = rng.choice(TC.L_TRAIN, nl, replace=False)
    di = rng.choice(TC.D_TRAIN, nd, replace=False)
    hand = TC.hand_samples(TC.K_LETTER, li, TC._LL) + TC.hand_samples(TC.K_DIGIT, di, TC._DL)
    fonts = [(TC.K_FONT, -1, int(v)) for v in rng.integers(0, 36, size=nf)] + [(TC.K_FONT, -1, TC.AT)] * na
    X1, y1, e1 = TC.make_inputs(hand, rng, 0.0, (TC.D_TRAIN, TC.L_TRAIN))
    X2, y2, e2 = TC.make_inputs(fonts, rng, TC.PLAIN_FRAC, (TC.D_TRAIN, TC.L_TRAIN))
    X = np.concatenate([X1[~e1], X2[~e2]]); y = np.concatenate([y1[~e1], y2[~e2]])
    return X, y, int(e1.sum() + e2.sum())

def load():
    TC._D, TC._DL = TC.load("digits-train", "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757")
    TC._L, TC._LL = TC.load("letters-train", "9d5d0a67fd893cbfb3a49abf7a1b764c994c462b342648a4fba0dcc0d7f5cfc6")

def main():  # aug_worker.py START STEP STOP_AT
    B3.run_aug_worker(WORK, load, make_chunk)

if __name__ == "__main__":
    main()
