"""digits3's evaluation sets (prep_eval.py, same seeds) plus continental ones: every 1 flagged and every 7 crossed
among the validation images (`val`: plain, and as Swift sees it with default_rng(SEED + 11)) or the held-back ones
(`held`: SEED + 12), shapes drawn with default_rng(SEED + 10)."""
import os, sys, time
import numpy as np
from common4 import T, SEED, WORK, load, continental
import prep_eval  # digits3's


def main(which):
    t0 = time.time()
    prep_eval.main(which)
    imgs, labels = load()
    part = T.VAL if which == "val" else T.HELD
    sel = np.arange(part.start, part.stop)
    sel = sel[(labels[sel] == 1) | (labels[sel] == 7)]
    cont = continental(imgs[sel], labels[sel], np.random.default_rng(SEED + 10), 1.0)
    plain, _ = T.prepare(cont, None, 0.0)
    aug, empty = T.prepare(cont, np.random.default_rng(SEED + (11 if which == "val" else 12)), 1.0,
                           neighbours=imgs[part.start:part.stop])
    np.savez(os.path.join(WORK, f"cont_{which}.npz"), X_plain=plain, X_aug=aug, E_aug=empty, y=labels[sel])
    print(f"continental {which}: {len(sel)} glyphs, {time.time() - t0:.0f}s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
