"""handprint-digits.boxnet, the chars3 recipe applied to train.py's digit model (train_digits3.py). Same classes,
splits (0-44,999 train, 45,000-49,999 validation, 50,000-59,999 held back), augmentation/simulation code (train.py,
imported unchanged), font share (15%), validation and held-back sets (prep_eval.py, train.py's seeds) as
models/boxnet/train.py; what differs is how samples are fed and the optimiser:

  * "As Swift sees it" samples are made by aug_worker.py in a separate process in 5,000-sample chunks (85% MNIST
    training images, 15% font digits). The trainer never waits for augmentation.
  * Each epoch is EPOCH_N samples: AUG_SHARE (65%) from the augmented pool (every chunk not yet used first, then a
    random replay of earlier chunks), the rest plain normalise(img/255) inputs: 85% MNIST training images (all
    45,000 precomputed), 15% plain font renders (train.py prepare_fonts with aug_frac 0, a fixed-seed cache).
  * AdamW (wd 0.01), peak lr LR_MAX, linear warm-up then cosine to 0 scheduled by WALL-CLOCK time to
    BOXNET_TRAIN_END (unix time); the last epoch is cut at the deadline.
  * Epoch chosen on validation (mean of un-augmented and "as Swift sees it" accuracy, as train.py); held back scored
    once at the end.
  * Network form unchanged (train.BoxNet: conv-relu-pool x2, fc1-relu (dropout 0.3 in training), fc2); widths
    BOXNET_WIDTHS; weights written by train.write_weights (BOXNET01), reference.json as train.py writes it.
  * Checkpoint after every epoch (resumes from it); best model so far written after every improving epoch.
The pool, the schedule and the epoch loop are ../boxnet3.py's (shared with chars3/train_chars3.py); what is this
recipe's own (samples, network, validation, file names, defaults) is here.
"""
import os, time
import numpy as np
from common import T, B3, SEED, WORK, load, macs, SHIPPED_MACS

W = WORK
OUTDIR = os.environ.get("BOXNET_OUTDIR", os.path.dirname(os.path.abspath(__file__)))
AUG_DIR = os.path.join(W, "aug")
CKPT = os.path.join(W, "checkpoint.pt")
EPOCH_N = int(os.environ.get("BOXNET_EPOCH_N", "60000"))
AUG_SHARE = float(os.environ.get("BOXNET_AUG_SHARE", "0.65"))
LR_MAX = float(os.environ.get("BOXNET_LR", "2e-3"))
TRAIN_END = float(os.environ["BOXNET_TRAIN_END"])
FONT_PLAIN_N = 4000
OUT_W = os.path.join(OUTDIR, "handprint-digits.boxnet")
OUT_REF = os.path.join(OUTDIR, "reference.json")


def val_scores(model, V):
    scores = {"val_plain": T.accuracy(model, V["Xva_plain"], V["yva"]),
              "val_aug": T.accuracy(model, V["Xva_aug"], V["yva"], V["Eva_aug"]),
              "font_val_plain": T.accuracy(model, V["Xfv_plain"], V["yfv_plain"], V["Efv_plain"]),
              "font_val_aug": T.accuracy(model, V["Xfv"], V["yfv"], V["Efv"])}
    if "extra" in V:
        scores.update(extra_scores(model, V["extra"], "extra"))
    return scores


def extra_scores(model, E, name):
    """Plain and as-Swift-sees-it accuracy on one more set (X_plain, X_aug, E_aug, y; digits4's prep_eval4.py)."""
    return {f"{name}_plain": T.accuracy(model, E["X_plain"], E["y"]),
            f"{name}_aug": T.accuracy(model, E["X_aug"], E["y"], E["E_aug"])}


def wait_for(name):
    while not os.path.exists(os.path.join(W, name)):
        time.sleep(2)
    return dict(np.load(os.path.join(W, name)))


def write_outputs(model, imgs, labels):
    """Weights (train.write_weights, BOXNET01) and reference.json exactly as train.py: samples 50,000-50,003."""
    model.eval()
    T.write_weights(model, OUT_W + ".tmp"); os.replace(OUT_W + ".tmp", OUT_W)
    samples = [B3.reference_sample(model, T.normalise(imgs[i].astype(np.float32) / 255.0), index=i, label=int(labels[i]))
               for i in range(50000, 50004)]
    B3.write_json(OUT_REF, {"samples": samples})


def main(start=None, extra=None):
    """Trains from `start` (a model; default a fresh BoxNet). `extra`, the file names (in WORK) of one more
    validation and held-back set, adds them to the scores (`extra_plain`, `extra_aug`; `held_extra_…`) and the
    epoch is chosen on the extra set as Swift sees it too."""
    t0 = B3.start(SEED)
    imgs, labels = load()
    V = wait_for("val_sets.npz")
    if extra:
        V["extra"] = wait_for(extra[0])
    PD = np.load(os.path.join(W, "train_plain.npy"))
    yPD = labels[T.TRAIN.start:T.TRAIN.stop]
    PF, yPF, EPF = T.prepare_fonts(FONT_PLAIN_N, np.random.default_rng([SEED, 6000]), 0.0)
    PF, yPF = PF[~EPF], yPF[~EPF]
    print(f"widths {T.C1}/{T.C2}/{T.HIDDEN}, {macs(T.C1, T.C2, T.HIDDEN):,} multiply-adds "
          f"({macs(T.C1, T.C2, T.HIDDEN) / SHIPPED_MACS:.3f}x shipped 32/64/192); epoch {EPOCH_N} ({AUG_SHARE:.0%} augmented "
          f"pool); AdamW lr {LR_MAX} wd 0.01 wall-clock cosine to {time.strftime('%H:%M:%S', time.gmtime(TRAIN_END))}; "
          f"plain {len(PD)} MNIST + {len(PF)} font; setup {time.time() - t0:.0f}s", flush=True)

    def plain_parts(npl, rng):  # MNIST : fonts 85:15
        nf = int(round(npl * T.FONT_FRAC))
        idd, iff = rng.integers(0, len(PD), npl - nf), rng.integers(0, len(PF), nf)
        return [PD[idd], PF[iff]], [yPD[idd], yPF[iff]]

    def val_text(v):
        return (f"val plain {v['val_plain']:.4f} swift {v['val_aug']:.4f} | font plain {v['font_val_plain']:.4f} swift "
                f"{v['font_val_aug']:.4f}" + (f" | extra plain {v['extra_plain']:.4f} swift {v['extra_aug']:.4f}" if extra else ""))

    model = start if start is not None else T.BoxNet()
    if start is not None:
        print("start: " + val_text(val_scores(start, V)), flush=True)
    best_epoch, history, pool = B3.train(
        model, t0=t0, seed=SEED, train_end=TRAIN_END, epoch_n=EPOCH_N, aug_share=AUG_SHARE, lr_max=LR_MAX,
        aug_dir=AUG_DIR, ckpt=CKPT, plain_parts=plain_parts, val_scores=lambda m: val_scores(m, V),
        score_keys=("val_plain", "val_aug") + (("extra_aug",) if extra else ()), val_text=val_text, on_best=lambda m: write_outputs(m, imgs, labels),
        score_digits=5, skip_untrained=True)
    write_outputs(model, imgs, labels)
    res = {**val_scores(model, V), "train_plain": T.accuracy(model, PD, yPD)}
    H = wait_for("held_sets.npz")  # held back: scored once, with the chosen checkpoint
    res["held_plain"] = T.accuracy(model, H["Xhe_plain"], H["yhe"])
    res["held_aug"] = T.accuracy(model, H["Xhe_aug"], H["yhe"], H["Ehe_aug"])
    if extra:
        res.update({"held_" + k: x for k, x in extra_scores(model, wait_for(extra[1]), "extra").items()})
    res["empty_aug"] = {"val": int(V["Eva_aug"].sum()), "held": int(H["Ehe_aug"].sum()), "font_val": int(V["Efv"].sum())}
    B3.report(t0, best_epoch, history, OUT_W, {"samples_seen": sum(h["n"] for h in history), "aug_pool": len(pool.yc),
                                               "macs": macs(T.C1, T.C2, T.HIDDEN), **res})


if __name__ == "__main__":
    main()
