"""handprint-chars.boxnet, third recipe (train_chars3.py). Same classes, data splits, augmentation code, validation and
held-back sets as models/boxnet/train_chars.py (imported, unchanged); what differs is how the samples
are fed and the optimiser:

  * Augmented ("as Swift sees it") samples are made by aug_worker.py in a separate process, in 5,000-sample chunks
    (chunk k from default_rng([SEED, 5000, k]); letters 60%, digits 25%, fonts 10.5%, font '@' 4.5%). The trainer
    never waits for augmentation.
  * Each training epoch is EPOCH_N samples: AUG_SHARE of them from the augmented pool (every chunk not yet used
    first, then a random replay of earlier chunks), the rest plain normalise(img/255) letters / digits (72:28),
    precomputed once for all 109,800 + 45,000 training images.
  * AdamW (wd 0.01), peak lr LR_MAX, linear warm-up then cosine to 0, scheduled by WALL-CLOCK time between the start
    and BOXNET_TRAIN_END (unix time), so the schedule always anneals fully before the deadline. The last epoch is
    cut short at BOXNET_TRAIN_END.
  * Epoch chosen on validation (mean of letters/digits x plain/swift, as train_chars.py); held back scored once.
  * Network unchanged in form (conv-relu-pool x2, fc1-relu(dropout 0.3 in training), fc2); widths BOXNET_WIDTHS.
  * Checkpoint after every epoch (resumes from it); the best model so far is written after every improving epoch.
The pool, the schedule and the epoch loop are ../boxnet3.py's (shared with digits3/train_digits3.py); what is this
recipe's own (samples, network, validation, file names, defaults) is here.
"""
import os, sys, time
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # models/boxnet: train.py, train_chars.py, boxnet3.py
os.environ.setdefault("BOXNET_DATA", os.path.join(HERE, "..", "..", "..", "..", "shared", "handwriting"))
WORK = os.environ.get("BOXNET_WORK", "/tmp/boxnet-chars3")  # samples, caches, checkpoint and outputs
import train as T          # noqa
import train_chars as TC   # noqa
import boxnet3 as B3       # noqa  (the worker loop, pool, clock-driven training loop and numpy scorer shared with digits3)

W = WORK
AUG_DIR = os.path.join(W, "aug")
CKPT = os.environ.get("BOXNET_CKPT", os.path.join(W, "checkpoint.pt"))
C1, C2, HIDDEN = (int(v) for v in os.environ.get("BOXNET_WIDTHS", "32,64,256").split(","))
EPOCH_N = int(os.environ.get("BOXNET_EPOCH_N", "120000"))
AUG_SHARE = float(os.environ.get("BOXNET_AUG_SHARE", "0.6"))
LR_MAX = float(os.environ.get("BOXNET_LR", "2e-3"))
TRAIN_END = float(os.environ["BOXNET_TRAIN_END"])
SMOKE = os.environ.get("BOXNET_SMOKE") == "1"
SEED = TC.SEED
OUT_UNT = os.path.join(W, "handprint-chars-untempered.boxnet")
OUT_REF_UNT = os.path.join(W, "reference-chars-untempered.json")


def macs(c1, c2, h):
    return B3.macs(c1, c2, h, len(TC.ALPHABET))


def model_from_file(path):
    """A CharNet of the file's widths holding its weights (BOXNET02)."""
    magic, _, ts = B3.read_boxnet(path)
    assert magic == "BOXNET02"
    model = TC.CharNet(ts[0].shape[0], ts[2].shape[0], ts[4].shape[0])
    model.load_state_dict({name: torch.from_numpy(t.copy()) for name, t in zip(T.NAMES, ts)})
    return model


def val_scores(model, V):
    r = {"L_plain": T.accuracy(model, V["Xvl_p"], V["yvl"]), "L_swift": T.accuracy(model, V["Xvl_a"], V["yvl"], V["Evl_a"]),
         "D_plain": T.accuracy(model, V["Xvd_p"], V["yvd"]), "D_swift": T.accuracy(model, V["Xvd_a"], V["yvd"], V["Evd_a"]),
         "F_swift": T.accuracy(model, V["Xfv"], V["yfv"], V["Efv"])}
    at = V["yfv"] == TC.AT
    r["at_swift"] = float(((T.predict(model, V["Xfv"]) == V["yfv"]) & ~V["Efv"])[at].mean())
    return r


def held_scores(model, H):
    aw = TC.accuracy_within
    return {"L_plain": T.accuracy(model, H["Xhl_p"], H["yhl"]), "L_plain_AZ_only": aw(model, H["Xhl_p"], H["yhl"], TC.LETTERS),
            "L_swift": T.accuracy(model, H["Xhl_a"], H["yhl"], H["Ehl_a"]),
            "L_swift_AZ_only": aw(model, H["Xhl_a"], H["yhl"], TC.LETTERS, H["Ehl_a"]),
            "D_plain": T.accuracy(model, H["Xhd_p"], H["yhd"]), "D_plain_09_only": aw(model, H["Xhd_p"], H["yhd"], TC.DIGITS),
            "D_swift": T.accuracy(model, H["Xhd_a"], H["yhd"], H["Ehd_a"]),
            "D_swift_09_only": aw(model, H["Xhd_a"], H["yhd"], TC.DIGITS, H["Ehd_a"]),
            "empty": {"L_swift": int(H["Ehl_a"].sum()), "D_swift": int(H["Ehd_a"].sum())}}


def write_outputs(model, weights_path, ref_path):
    model.eval()
    TC.write_weights(model, weights_path)
    refs = [("letters", 50000, TC._L[50000], TC._LL[50000]), ("letters", 50001, TC._L[50001], TC._LL[50001]),
            ("digits", 50000, TC._D[50000], TC._DL[50000])]
    samples = [(src, i, TC.ALPHABET[lab], T.normalise(img.astype(np.float32) / 255.0)) for src, i, img, lab in refs]
    at_big = T.font_big("@", np.random.default_rng(SEED + 5))
    samples.append(("font render (train.py FONTS, default_rng(%d))" % (SEED + 5), None, "@", T.normalise(at_big)))
    out = [B3.reference_sample(model, x, source=src, index=i, label=lab) for src, i, lab, x in samples]
    B3.write_json(ref_path, {"alphabet": TC.ALPHABET, "samples": out})


def main():
    t0 = B3.start(SEED)
    TC._D, TC._DL = TC.load("digits-train", "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757")
    TC._L, TC._LL = TC.load("letters-train", "9d5d0a67fd893cbfb3a49abf7a1b764c994c462b342648a4fba0dcc0d7f5cfc6")
    V = dict(np.load(os.path.join(W, "val_sets.npz")))
    if SMOKE:
        V = {k: (v[::20] if v.ndim >= 1 else v) for k, v in V.items()}
    # plain inputs of every training image, once
    PL = np.stack([T.normalise(TC._L[i].astype(np.float32) / 255.0) for i in TC.L_TRAIN[:2000 if SMOKE else None]])
    PD = np.stack([T.normalise(TC._D[i].astype(np.float32) / 255.0) for i in TC.D_TRAIN[:2000 if SMOKE else None]])
    yPL, yPD = TC._LL[TC.L_TRAIN[:len(PL)]], TC._DL[TC.D_TRAIN[:len(PD)]]
    print(f"widths {C1}/{C2}/{HIDDEN}, {macs(C1, C2, HIDDEN):,} multiply-adds ({macs(C1, C2, HIDDEN) / 4447680:.3f}x shipped); "
          f"epoch {EPOCH_N} ({AUG_SHARE:.0%} augmented pool); AdamW lr {LR_MAX} wall-clock cosine to "
          f"{time.strftime('%H:%M:%S', time.gmtime(TRAIN_END))}; plain cache {len(PL)}+{len(PD)} in {time.time() - t0:.0f}s",
          flush=True)

    def plain_parts(npl, rng):  # letters : digits 72:28
        nl = int(round(npl * 0.72))
        il, idd = rng.integers(0, len(PL), nl), rng.integers(0, len(PD), npl - nl)
        return [PL[il], PD[idd]], [yPL[il], yPD[idd]]

    def val_text(v):
        return (f"val letters plain {v['L_plain']:.4f} swift {v['L_swift']:.4f} | digits plain {v['D_plain']:.4f} swift "
                f"{v['D_swift']:.4f} | fonts swift {v['F_swift']:.4f} (@ {v['at_swift']:.4f})")

    model = TC.CharNet(C1, C2, HIDDEN)
    best_epoch, history, _ = B3.train(
        model, t0=t0, seed=SEED, train_end=TRAIN_END, epoch_n=EPOCH_N, aug_share=AUG_SHARE, lr_max=LR_MAX,
        aug_dir=AUG_DIR, ckpt=CKPT, plain_parts=plain_parts, val_scores=lambda m: val_scores(m, V),
        score_keys=("L_plain", "L_swift", "D_plain", "D_swift"), val_text=val_text,
        on_best=lambda m: write_outputs(m, OUT_UNT, OUT_REF_UNT))
    write_outputs(model, OUT_UNT, OUT_REF_UNT)
    res = {"val": val_scores(model, V)}
    Hs = dict(np.load(os.path.join(W, "held_sets.npz")))
    if SMOKE:
        Hs = {k: v[::20] for k, v in Hs.items()}
    res["held"] = held_scores(model, Hs)
    res["held_letter_confusions_swift"] = TC.confusions(T.predict(model, Hs["Xhl_a"]), Hs["yhl"], Hs["Ehl_a"])
    res["held_digit_confusions_swift"] = TC.confusions(T.predict(model, Hs["Xhd_a"]), Hs["yhd"], Hs["Ehd_a"])
    B3.report(t0, best_epoch, history, OUT_UNT, {"macs": macs(C1, C2, HIDDEN), **res})


if __name__ == "__main__":
    main()
