"""Build train.py's evaluation sets exactly as its main() does (same seeds, same code, same order of rng use), save
to npz. `val`: validation plain / as Swift sees it (default_rng(SEED+1), neighbours from validation), font validation
aug (SEED+3) / plain (SEED+4), and the plain inputs of all 45,000 training images. `held`: held back plain / as Swift
sees it (default_rng(SEED+2), neighbours from the held-back range)."""
import os, sys, time
import numpy as np
from common import T, SEED, WORK, load


def main(which):
    t0 = time.time()
    os.makedirs(WORK, exist_ok=True)
    imgs, labels = load()
    if which == "val":
        va, yva = imgs[T.VAL.start:T.VAL.stop], labels[T.VAL.start:T.VAL.stop]
        Xtr_plain, _ = T.prepare(imgs[T.TRAIN.start:T.TRAIN.stop], None, 0.0)
        Xva_plain, _ = T.prepare(va, None, 0.0)
        Xva_aug, Eva_aug = T.prepare(va, np.random.default_rng(SEED + 1), 1.0, neighbours=va)
        Xfv, yfv, Efv = T.prepare_fonts(T.FONT_VAL_N, np.random.default_rng(SEED + 3), 1.0, neighbours=va)
        Xfv_plain, yfv_plain, Efv_plain = T.prepare_fonts(T.FONT_VAL_N, np.random.default_rng(SEED + 4), 0.0)
        np.save(os.path.join(WORK, "train_plain.npy"), Xtr_plain)
        np.savez(os.path.join(WORK, "val_sets.npz"), Xva_plain=Xva_plain, yva=yva, Xva_aug=Xva_aug, Eva_aug=Eva_aug,
                 Xfv=Xfv, yfv=yfv, Efv=Efv, Xfv_plain=Xfv_plain, yfv_plain=yfv_plain, Efv_plain=Efv_plain)
        print(f"val done {time.time() - t0:.0f}s; val aug empty {int(Eva_aug.sum())}, font val empty {int(Efv.sum())}", flush=True)
    else:
        he, yhe = imgs[T.HELD.start:T.HELD.stop], labels[T.HELD.start:T.HELD.stop]
        Xhe_plain, _ = T.prepare(he, None, 0.0)
        Xhe_aug, Ehe_aug = T.prepare(he, np.random.default_rng(SEED + 2), 1.0, neighbours=he)
        np.savez(os.path.join(WORK, "held_sets.npz"), Xhe_plain=Xhe_plain, yhe=yhe, Xhe_aug=Xhe_aug, Ehe_aug=Ehe_aug)
        print(f"held done {time.time() - t0:.0f}s; held aug empty {int(Ehe_aug.sum())}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
