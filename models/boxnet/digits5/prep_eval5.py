"""digits3's evaluation sets (prep_eval.py, same seeds; its font validation now drawn from TRAIN_FAMILIES) plus the
unseen-font sets: UNSEEN_FN digits from UNSEEN_FAMILIES, plain and as Swift sees it (`val`: default_rng(SEED + 21)
and SEED + 22; `held`: SEED + 23 and SEED + 24)."""
import os, sys, time
import numpy as np
from common5 import T, SEED, WORK, load, with_fonts, flat, UNSEEN_FAMILIES
import prep_eval  # digits3's

UNSEEN_N = 3000


def main(which):
    t0 = time.time()
    prep_eval.main(which)
    imgs, _ = load()
    part = T.VAL if which == "val" else T.HELD
    nb = imgs[part.start:part.stop]
    s = 21 if which == "val" else 23
    unseen = flat(UNSEEN_FAMILIES)
    Xp, y, _ = with_fonts(unseen, lambda: T.prepare_fonts(UNSEEN_N, np.random.default_rng(SEED + s), 0.0))
    Xa, ya, Ea = with_fonts(unseen, lambda: T.prepare_fonts(UNSEEN_N, np.random.default_rng(SEED + s), 1.0, neighbours=nb))
    assert (y == ya).all()
    np.savez(os.path.join(WORK, f"unseen_{which}.npz"), X_plain=Xp, X_aug=Xa, E_aug=Ea, y=y)
    print(f"unseen fonts {which}: {UNSEEN_N} digits, {int(Ea.sum())} empty as Swift sees them, {time.time() - t0:.0f}s",
          flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
