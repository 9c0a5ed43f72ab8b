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
"""
import glob, hashlib, json, math, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # models/boxnet: train.py, train_chars.py
os.environ.setdefault("BOXNET_DATA", os.path.join(HERE, "..", "..", "..", "..", "shared", "handwriting"))
WORK = os.environ.get("BOXNET_WORK", "/tmp/boxnet-chars3")  # samples, caches, checkpoint and outputs
import train as T          # noqa
import train_chars as TC   # noqa

W = WORK
AUG_DIR = os.path.join(W, "aug")
CKPT = os.environ.get("BOXNET_CKPT", os.path.join(W, "checkpoint.pt"))
C1, C2, HIDDEN = (int(v) for v in os.environ.get("BOXNET_WIDTHS", "32,64,256").split(","))
EPOCH_N = int(os.environ.get("BOXNET_EPOCH_N", "120000"))
AUG_SHARE = float(os.environ.get("BOXNET_AUG_SHARE", "0.6"))
LR_MAX = float(os.environ.get("BOXNET_LR", "2e-3"))
WARM = 0.04
TRAIN_END = float(os.environ["BOXNET_TRAIN_END"])
SMOKE = os.environ.get("BOXNET_SMOKE") == "1"
SEED = TC.SEED
OUT_UNT = os.path.join(W, "handprint-chars-untempered.boxnet")
OUT_REF_UNT = os.path.join(W, "reference-chars-untempered.json")


def lr_at(now, t0):
    f = min(max((now - t0) / (TRAIN_END - t0), 0.0), 1.0)
    if f < WARM:
        return LR_MAX * (0.1 + 0.9 * f / WARM)
    return LR_MAX * 0.5 * (1 + math.cos(math.pi * (f - WARM) / (1 - WARM)))


def macs(c1, c2, h):
    return 784 * c1 * 9 + 196 * c2 * c1 * 9 + c2 * 49 * h + h * 37


class AugPool:
    def __init__(self):
        self.X, self.y, self.ids = [], [], []
        self.used = 0  # samples [0, used) of the concatenated pool have been trained on at least once

    def refresh(self):
        have = set(self.ids)
        for p in sorted(glob.glob(os.path.join(AUG_DIR, "chunk_*.npz"))):
            k = int(os.path.basename(p)[6:11])
            if k in have:
                continue
            d = np.load(p)
            self.X.append(d["X"]); self.y.append(d["y"].astype(np.int64)); self.ids.append(k)
        self.Xc = np.concatenate(self.X) if self.X else np.zeros((0, 28, 28), np.float16)
        self.yc = np.concatenate(self.y) if self.y else np.zeros(0, np.int64)

    def draw(self, n, rng):
        self.refresh()
        N = len(self.yc)
        new = np.arange(self.used, min(N, self.used + n))
        self.used += len(new)
        rest = n - len(new)
        old = rng.integers(0, max(self.used, 1), size=rest) if rest > 0 and self.used > 0 else np.zeros(0, np.int64)
        idx = np.concatenate([new, old]).astype(np.int64)
        return self.Xc[idx].astype(np.float32), self.yc[idx], len(new)


def load_model_file(path, model):
    b = open(path, "rb").read()
    assert b[:8] == b"BOXNET02"
    off = 8
    n = int.from_bytes(b[off:off + 4], "little"); off += 4 + n
    cnt = int.from_bytes(b[off:off + 4], "little"); off += 4
    sd = {}
    for name in T.NAMES[:cnt]:
        nd = int.from_bytes(b[off:off + 4], "little"); off += 4
        dims = tuple(int.from_bytes(b[off + 4 * i:off + 4 * i + 4], "little") for i in range(nd)); off += 4 * nd
        sz = int(np.prod(dims))
        sd[name] = torch.from_numpy(np.frombuffer(b, "<f4", sz, off).copy().reshape(dims)); off += 4 * sz
    assert off == len(b)
    model.load_state_dict(sd)
    return model


def model_from_file(path):
    b = open(path, "rb").read()
    # read widths from the tensors' shapes
    off = 8; n = int.from_bytes(b[off:off + 4], "little"); off += 4 + n + 4
    shapes = []
    for _ in range(8):
        nd = int.from_bytes(b[off:off + 4], "little"); off += 4
        dims = tuple(int.from_bytes(b[off + 4 * i:off + 4 * i + 4], "little") for i in range(nd)); off += 4 * nd
        shapes.append(dims); off += 4 * int(np.prod(dims))
    m = TC.CharNet(shapes[0][0], shapes[2][0], shapes[4][0])
    return load_model_file(path, m)


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
    samples = []
    with torch.no_grad():
        for src, i, img, lab in refs:
            samples.append((src, i, TC.ALPHABET[lab], T.normalise(img.astype(np.float32) / 255.0)))
        at_big = T.font_big("@", np.random.default_rng(SEED + 5))
        samples.append(("font render (train.py FONTS, default_rng(%d))" % (SEED + 5), None, "@", T.normalise(at_big)))
        out = []
        for src, i, lab, x in samples:
            logits = model(torch.from_numpy(x[None, None]))[0].numpy()
            out.append({"source": src, "index": i, "label": lab, "input": [round(float(v), 6) for v in x.reshape(-1)],
                        "logits": [round(float(v), 6) for v in logits]})
    with open(ref_path + ".tmp", "w") as f:
        json.dump({"alphabet": TC.ALPHABET, "samples": out}, f)
        f.write("\n")
    os.replace(ref_path + ".tmp", ref_path)


def main():
    t0 = time.time()
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
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

    model = TC.CharNet(C1, C2, HIDDEN)
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
        na = int(EPOCH_N * AUG_SHARE)
        Xa, ya, nnew = pool.draw(na, rng)
        npl = EPOCH_N - len(ya)
        nl = int(round(npl * 0.72))
        il, idd = rng.integers(0, len(PL), nl), rng.integers(0, len(PD), npl - nl)
        X = np.concatenate([Xa, PL[il], PD[idd]]); y = np.concatenate([ya, yPL[il], yPD[idd]])
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
        score = (v["L_plain"] + v["L_swift"] + v["D_plain"] + v["D_swift"]) / 4
        history.append({"epoch": epoch, "n": n, "loss": round(tot / max(n, 1), 4), "lr_end": round(opt.param_groups[0]["lr"], 6),
                        "aug_new": nnew, "aug_pool": len(pool.yc), **{k: round(x, 4) for k, x in v.items()}, "score": round(score, 4)})
        print(f"epoch {epoch:2d} n {n}{' (cut at deadline)' if cut else ''} aug new {nnew} pool {len(pool.yc)} "
              f"loss {tot / max(n, 1):.4f} lr {opt.param_groups[0]['lr']:.2e} | val letters plain {v['L_plain']:.4f} swift "
              f"{v['L_swift']:.4f} | digits plain {v['D_plain']:.4f} swift {v['D_swift']:.4f} | fonts swift "
              f"{v['F_swift']:.4f} (@ {v['at_swift']:.4f}) | score {score:.4f} (train {tt:.0f}s, total "
              f"{time.time() - te:.0f}s, elapsed {time.time() - t0:.0f}s, {time.strftime('%H:%M:%S', time.gmtime())})", flush=True)
        if score > best:
            best, best_epoch = score, epoch
            best_state = {k: t.clone() for k, t in model.state_dict().items()}
            write_outputs(model, OUT_UNT, OUT_REF_UNT)  # best so far always on disk
        ck = {"epoch": epoch, "model": model.state_dict(), "opt": opt.state_dict(), "best": best, "best_state": best_state,
              "best_epoch": best_epoch, "history": history, "t_start": t_start, "pool_used": pool.used,
              "torch_rng": torch.get_rng_state()}
        torch.save(ck, CKPT + ".tmp"); os.replace(CKPT + ".tmp", CKPT)

    model.load_state_dict(best_state)
    model.eval()
    print(f"chosen epoch {best_epoch} (of {len(history)} trained)", flush=True)
    write_outputs(model, OUT_UNT, OUT_REF_UNT)
    res = {"val": val_scores(model, V)}
    Hs = dict(np.load(os.path.join(W, "held_sets.npz")))
    if SMOKE:
        Hs = {k: v[::20] for k, v in Hs.items()}
    res["held"] = held_scores(model, Hs)
    res["held_letter_confusions_swift"] = TC.confusions(T.predict(model, Hs["Xhl_a"]), Hs["yhl"], Hs["Ehl_a"])
    res["held_digit_confusions_swift"] = TC.confusions(T.predict(model, Hs["Xhd_a"]), Hs["yhd"], Hs["Ehd_a"])
    print("history:", json.dumps(history))
    print(json.dumps({"chosen_epoch": best_epoch, "epochs_trained": len(history), "wall_s": round(time.time() - t0),
                      "macs": macs(C1, C2, HIDDEN), **res, "weights_bytes": os.path.getsize(OUT_UNT),
                      "weights_sha256": hashlib.sha256(open(OUT_UNT, "rb").read()).hexdigest(),
                      "torch": torch.__version__, "numpy": np.__version__}, indent=1), flush=True)


if __name__ == "__main__":
    main()
