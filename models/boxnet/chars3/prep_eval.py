"""Build train_chars.py's validation and held-back sets exactly as it does (same seeds, same code), save to npz."""
import os, sys, time
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # models/boxnet: train.py, train_chars.py
os.environ.setdefault("BOXNET_DATA", os.path.join(HERE, "..", "..", "..", "..", "shared", "handwriting"))
WORK = os.environ.get("BOXNET_WORK", "/tmp/boxnet-chars3")  # samples, caches, checkpoint and outputs
import train_chars as TC
import train as T

def letter_and_digit_sets(indices, seed, aug_seed):
    """Plain and "as Swift sees it" inputs of the letters and digits at `indices`, as train_chars.py makes them."""
    pools = (indices, indices)
    letters = TC.hand_samples(TC.K_LETTER, indices, TC._LL)
    digits = TC.hand_samples(TC.K_DIGIT, indices, TC._DL)
    Xl_p, yl, _ = TC.make_inputs(letters, np.random.default_rng(seed), 1.0, pools)
    Xd_p, yd, _ = TC.make_inputs(digits, np.random.default_rng(seed), 1.0, pools)
    Xl_a, _, El_a = TC.make_inputs(letters, np.random.default_rng([aug_seed, 0]), 0.0, pools)
    Xd_a, _, Ed_a = TC.make_inputs(digits, np.random.default_rng([aug_seed, 1]), 0.0, pools)
    return pools, (Xl_p, yl, Xd_p, yd, Xl_a, El_a, Xd_a, Ed_a)


def main(which):
    t0 = time.time()
    SEED = TC.SEED
    TC._D, TC._DL = TC.load("digits-train", "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757")
    TC._L, TC._LL = TC.load("letters-train", "9d5d0a67fd893cbfb3a49abf7a1b764c994c462b342648a4fba0dcc0d7f5cfc6")
    if which == "val":
        vpools, (Xvl_p, yvl, Xvd_p, yvd, Xvl_a, Evl_a, Xvd_a, Evd_a) = letter_and_digit_sets(TC.VAL, SEED, SEED + 1)
        fr = np.random.default_rng(SEED + 3)
        fv = [(TC.K_FONT, -1, int(v)) for v in fr.integers(0, 36, size=TC.FONT_VAL_N * 3 // 4)] + [(TC.K_FONT, -1, TC.AT)] * (TC.FONT_VAL_N // 4)
        Xfv, yfv, Efv = TC.make_inputs(fv, fr, 0.0, vpools)
        np.savez_compressed(os.path.join(WORK, "val_sets.npz"), Xvl_p=Xvl_p, yvl=yvl, Xvd_p=Xvd_p, yvd=yvd, Xvl_a=Xvl_a,
                            Evl_a=Evl_a, Xvd_a=Xvd_a, Evd_a=Evd_a, Xfv=Xfv, yfv=yfv, Efv=Efv)
    else:
        _, (Xhl_p, yhl, Xhd_p, yhd, Xhl_a, Ehl_a, Xhd_a, Ehd_a) = letter_and_digit_sets(TC.HELD, SEED, SEED + 2)
        np.savez_compressed(os.path.join(WORK, "held_sets.npz"), Xhl_p=Xhl_p, yhl=yhl, Xhd_p=Xhd_p, yhd=yhd, Xhl_a=Xhl_a,
                            Ehl_a=Ehl_a, Xhd_a=Xhd_a, Ehd_a=Ehd_a)
    print(which, "done", round(time.time() - t0), "s", flush=True)

if __name__ == "__main__":
    main(sys.argv[1])
