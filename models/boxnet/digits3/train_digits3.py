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
"""
import glob, hashlib, json, math, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F
from common import T, SEED, WORK, load, macs, SHIPPED_MACS

W = WORK
OUTDIR = os.environ.get("BOXNET_OUTDIR", os.path.dirname(os.path.abspath(__file__)))
AUG_DIR = os.path.join(W, "aug")
CKPT = os.path.join(W, "checkpoint.pt")
EPOCH_N = int(os.environ.get("BOXNET_EPOCH_N", "60000"))
AUG_SHARE = float(os.environ.get("BOXNET_AUG_SHARE", "0.65"))
LR_MAX = float(os.environ.get("BOXNET_LR", "2e-3"))
WARM = 0.04
TRAIN_END = float(os.environ["BOXNET_TRAIN_END"])
FONT_PLAIN_N = 4000
OUT_W = os.path.join(OUTDIR, "handprint-digits.boxnet")
OUT_REF = os.path.join(OUTDIR, "reference.json")


def lr_at(now, t0):
    f = min(max((now - t0) / (TRAIN_END - t0), 0.0), 1.0)
    if f < WARM:
        return LR_MAX * (0.1 + 0.9 * f / WARM)
    return LR_MAX * 0.5 * (1 + math.cos(math.pi * (f - WARM) / (1 - WARM)))


class AugPool:
    def __init__(self):
        self.X, self.y, self.ids = [], [], []
        self.used = 0
        self.Xc = np.zeros((0, 28, 28), np.float16); self.yc = np.zeros(0, np.int64)

    def refresh(self):
        have = set(self.ids); added = False
        for p in sorted(glob.glob(os.path.join(AUG_DIR, "chunk_*.npz"))):
            k = int(os.path.basename(p)[6:11])
            if k in have:
                continue
            d = np.load(p)
            self.X.append(d["X"]); self.y.append(d["y"].astype(np.int64)); self.ids.append(k); added = True
        if added:
            self.Xc = np.concatenate(self.X); self.yc = np.concatenate(self.y)

    def draw(self, n, rng):
        self.refresh()
        N = len(self.yc)
        new = np.arange(self.used, min(N, self.used + n))
        self.used += len(new)
        rest = n - len(new)
        old = rng.integers(0, self.used, size=rest) if rest > 0 and self.used > 0 else np.zeros(0, np.int64)
        idx = np.concatenate([new, old]).astype(np.int64)
        return self.Xc[idx].astype(np.float32), self.yc[idx], len(new)


def val_scores(model, V):
    return {"val_plain": T.accuracy(model, V["Xva_plain"], V["yva"]),
            "val_aug": T.accuracy(model, V["Xva_aug"], V["yva"], V["Eva_aug"]),
            "font_val_plain": T.accuracy(model, V["Xfv_plain"], V["yfv_plain"], V["Efv_plain"]),
            "font_val_aug": T.accuracy(model, V["Xfv"], V["yfv"], V["Efv"])}


def write_outputs(model, imgs, labels):
    """Weights (train.write_weights, BOXNET01) and reference.json exactly as train.py: samples 50,000-50,003."""
    model.eval()
    T.write_weights(model, OUT_W + ".tmp"); os.replace(OUT_W + ".tmp", OUT_W)
    samples = []
    with torch.no_grad():
        for i in range(50000, 50004):
            x = T.normalise(imgs[i].astype(np.float32) / 255.0)
            logits = model(torch.from_numpy(x[None, None]))[0].numpy()
            samples.append({"index": i, "label": int(labels[i]),
                            "input": [round(float(v), 6) for v in x.reshape(-1)],
                            "logits": [round(float(v), 6) for v in logits]})
    with open(OUT_REF + ".tmp", "w") as f:
        json.dump({"samples": samples}, f)
        f.write("\n")
    os.replace(OUT_REF + ".tmp", OUT_REF)


def main():
    t0 = time.time()
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    imgs, labels = load()
    while not os.path.exists(os.path.join(W, "val_sets.npz")):
        time.sleep(2)
    V = dict(np.load(os.path.join(W, "val_sets.npz")))
    PD = np.load(os.path.join(W, "train_plain.npy"))
    yPD = labels[T.TRAIN.start:T.TRAIN.stop]
    PF, yPF, EPF = T.prepare_fonts(FONT_PLAIN_N, np.random.default_rng([SEED, 6000]), 0.0)
    PF, yPF = PF[~EPF], yPF[~EPF]
    print(f"widths {T.C1}/{T.C2}/{T.HIDDEN}, {macs(T.C1, T.C2, T.HIDDEN):,} multiply-adds "
          f"({macs(T.C1, T.C2, T.HIDDEN) / SHIPPED_MACS:.3f}x shipped 32/64/192); epoch {EPOCH_N} ({AUG_SHARE:.0%} augmented "
          f"pool); AdamW lr {LR_MAX} wd 0.01 wall-clock cosine to {time.strftime('%H:%M:%S', time.gmtime(TRAIN_END))}; "
          f"plain {len(PD)} MNIST + {len(PF)} font; setup {time.time() - t0:.0f}s", flush=True)

    model = T.BoxNet()
    opt = torch.optim.AdamW(model.parameters(), lr=LR_MAX, weight_decay=0.01)
    pool = AugPool()
    best, best_state, best_epoch, history, epoch, t_start = -1.0, None, 0, [], 0, t0
    if os.path.exists(CKPT) and os.environ.get("BOXNET_FRESH") != "1":
        ck = torch.load(CKPT, weights_only=False)
        model.load_state_dict(ck["model"]); opt.load_state_dict(ck["opt"])
        best, best_state, best_epoch, history, epoch = ck["best"], ck["best_state"], ck["best_epoch"], ck["history"], ck["epoch"]
        t_start, pool.used = ck["t_start"], ck["pool_used"]
        torch.set_rng_state(ck["torch_rng"])
        print(f"resumed after epoch {epoch} (best {best_epoch})", flush=True)

    while time.time() < TRAIN_END - 20 and os.environ.get("BOXNET_FINISH") != "1":
        epoch += 1
        te = time.time()
        rng = np.random.default_rng([SEED, 7000 + epoch])
        Xa, ya, nnew = pool.draw(int(EPOCH_N * AUG_SHARE), rng)
        npl = EPOCH_N - len(ya)
        nf = int(round(npl * T.FONT_FRAC))
        idd, iff = rng.integers(0, len(PD), npl - nf), rng.integers(0, len(PF), nf)
        X = np.concatenate([Xa, PD[idd], PF[iff]]); y = np.concatenate([ya, yPD[idd], yPF[iff]])
        perm = torch.from_numpy(rng.permutation(len(X)))
        Xt, yt = torch.from_numpy(X[:, None]), torch.from_numpy(y)
        model.train()
        tot, n, cut = 0.0, 0, False
        for i in range(0, len(perm), 128):
            if i % (128 * 20) == 0:
                now = time.time()
                if now >= TRAIN_END:
                    cut = True
                    break
                for g in opt.param_groups:
                    g["lr"] = lr_at(now, t_start)
            idx = perm[i:i + 128]
            loss = F.cross_entropy(model(Xt[idx]), yt[idx])
            opt.zero_grad(); loss.backward(); opt.step()
            tot += float(loss.detach()) * len(idx); n += len(idx)
        tt = time.time() - te
        v = val_scores(model, V)
        score = (v["val_plain"] + v["val_aug"]) / 2
        history.append({"epoch": epoch, "n": n, "loss": round(tot / max(n, 1), 4), "lr_end": round(opt.param_groups[0]["lr"], 6),
                        "aug_new": nnew, "aug_pool": len(pool.yc), **{k: round(x, 4) for k, x in v.items()}, "score": round(score, 5)})
        print(f"epoch {epoch:2d} n {n}{' (cut at deadline)' if cut else ''} aug new {nnew} pool {len(pool.yc)} "
              f"loss {tot / max(n, 1):.4f} lr {opt.param_groups[0]['lr']:.2e} | val plain {v['val_plain']:.4f} swift "
              f"{v['val_aug']:.4f} | font plain {v['font_val_plain']:.4f} swift {v['font_val_aug']:.4f} | score {score:.4f} "
              f"(train {tt:.0f}s, total {time.time() - te:.0f}s, elapsed {time.time() - t0:.0f}s, "
              f"{time.strftime('%H:%M:%S', time.gmtime())})", flush=True)
        if n > 0 and score > best:
            best, best_epoch = score, epoch
            best_state = {k: t.clone() for k, t in model.state_dict().items()}
            write_outputs(model, imgs, labels)  # best so far always on disk
        ck = {"epoch": epoch, "model": model.state_dict(), "opt": opt.state_dict(), "best": best, "best_state": best_state,
              "best_epoch": best_epoch, "history": history, "t_start": t_start, "pool_used": pool.used,
              "torch_rng": torch.get_rng_state()}
        torch.save(ck, CKPT + ".tmp"); os.replace(CKPT + ".tmp", CKPT)

    model.load_state_dict(best_state)
    model.eval()
    print(f"chosen epoch {best_epoch} (of {len(history)} trained)", flush=True)
    write_outputs(model, imgs, labels)
    res = {**val_scores(model, V), "train_plain": T.accuracy(model, PD, yPD)}
    while not os.path.exists(os.path.join(W, "held_sets.npz")):
        time.sleep(2)
    H = dict(np.load(os.path.join(W, "held_sets.npz")))  # held back: scored once, with the chosen checkpoint
    res["held_plain"] = T.accuracy(model, H["Xhe_plain"], H["yhe"])
    res["held_aug"] = T.accuracy(model, H["Xhe_aug"], H["yhe"], H["Ehe_aug"])
    res["empty_aug"] = {"val": int(V["Eva_aug"].sum()), "held": int(H["Ehe_aug"].sum()), "font_val": int(V["Efv"].sum())}
    print("history:", json.dumps(history))
    print(json.dumps({"chosen_epoch": best_epoch, "epochs_trained": len(history), "wall_s": round(time.time() - t0),
                      "samples_seen": sum(h["n"] for h in history), "aug_pool": len(pool.yc),
                      "macs": macs(T.C1, T.C2, T.HIDDEN), **res, "weights_bytes": os.path.getsize(OUT_W),
                      "weights_sha256": hashlib.sha256(open(OUT_W, "rb").read()).hexdigest(),
                      "torch": torch.__version__, "numpy": np.__version__}, indent=1), flush=True)


if __name__ == "__main__":
    main()
