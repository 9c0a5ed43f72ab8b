"""What the third recipes (chars3/train_chars3.py, digits3/train_digits3.py) share, moved here unchanged from them:

  * run_aug_worker: the loop of their aug_worker.py (chunk files WORK/aug/chunk_NNNNN.npz, STOP file, deadline);
  * AugPool: the trainer's pool of those chunks (chunks not yet used first, then a random replay of earlier ones);
  * lr_at / train / report: AdamW (wd 0.01), linear warm-up then cosine to 0 scheduled by WALL-CLOCK time up to
    BOXNET_TRAIN_END, the epoch loop (cut at the deadline), epoch choice on validation, a checkpoint after every epoch
    (a rerun resumes from it unless BOXNET_FRESH=1; BOXNET_FINISH=1 only finishes), and the closing summary;
  * np_forward / numpy_vs_torch: the scorers' float64 numpy forward pass read straight from a .boxnet file (BOXNET01
    or BOXNET02), checked against torch.

What differs (classes, network, plain samples, validation sets, seeds, defaults, file names) stays in each folder and
is passed in."""
import glob, hashlib, json, math, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F

WARM = 0.04  # share of the schedule spent warming up (0.1 -> 1.0 x the peak rate)
CHUNK_FILE = "chunk_%05d.npz"


def macs(c1, c2, hidden, classes):
    """Multiply-adds per glyph: conv3x3 1->c1 at 28x28, conv3x3 c1->c2 at 14x14, fc c2*49->hidden, fc hidden->classes."""
    return 784 * c1 * 9 + 196 * c2 * c1 * 9 + c2 * 49 * hidden + hidden * classes


# ---------------------------------------------------------------- augmentation worker (aug_worker.py START STEP STOP_AT)
def run_aug_worker(work, load, make_chunk, argv=None):
    """Parse START STEP STOP_AT, call load(), then write WORK/aug/chunk_NNNNN.npz for chunks START, START+STEP, ...
    (skipping those already there) with make_chunk(k) -> (X, y, number of empty samples dropped), stored as float16 /
    int8. Stops at STOP_AT (unix time) or when WORK/aug/STOP exists."""
    argv = sys.argv if argv is None else argv
    start, step, stop_at = int(argv[1]), int(argv[2]), float(argv[3])
    load()
    out = os.path.join(work, "aug")
    os.makedirs(out, exist_ok=True)
    k = start
    while time.time() < stop_at and not os.path.exists(os.path.join(out, "STOP")):
        path = os.path.join(out, CHUNK_FILE % k)
        if not os.path.exists(path):
            t = time.time()
            X, y, ne = make_chunk(k)
            np.savez(path + ".tmp.npz", X=X.astype(np.float16), y=y.astype(np.int8), empty=ne)
            os.replace(path + ".tmp.npz", path)
            print(f"chunk {k} n {len(X)} empty {ne} {time.time() - t:.0f}s at {time.strftime('%H:%M:%S', time.gmtime())}", flush=True)
        k += step


# ---------------------------------------------------------------- training
def start(seed):
    """The trainers' first step: the clock's start, torch seeded, one torch thread."""
    t0 = time.time()
    torch.manual_seed(seed)
    torch.set_num_threads(1)
    return t0


def reference_sample(model, x, **fields):
    """`fields`, then the input x [28,28] and the model's logits, both rounded to 6 decimals (reference JSON files)."""
    with torch.no_grad():
        logits = model(torch.from_numpy(x[None, None]))[0].numpy()
    return {**fields, "input": [round(float(v), 6) for v in x.reshape(-1)], "logits": [round(float(v), 6) for v in logits]}


def write_json(path, obj):
    """obj as one line of JSON and a newline, replacing `path` only once written."""
    with open(path + ".tmp", "w") as f:
        json.dump(obj, f)
        f.write("\n")
    os.replace(path + ".tmp", path)


class AugPool:
    """The worker's chunks in `aug_dir`, concatenated in chunk order as they appear."""

    def __init__(self, aug_dir):
        self.aug_dir = aug_dir
        self.X, self.y, self.ids = [], [], []
        self.used = 0  # samples [0, used) of the concatenated pool have been trained on at least once
        self.Xc = np.zeros((0, 28, 28), np.float16); self.yc = np.zeros(0, np.int64)

    def refresh(self):
        have = set(self.ids); added = False
        for p in sorted(glob.glob(os.path.join(self.aug_dir, "chunk_*.npz"))):
            k = int(os.path.basename(p)[6:11])
            if k in have:
                continue
            d = np.load(p)
            self.X.append(d["X"]); self.y.append(d["y"].astype(np.int64)); self.ids.append(k); added = True
        if added:
            self.Xc = np.concatenate(self.X); self.yc = np.concatenate(self.y)

    def draw(self, n, rng):
        """n samples: those not yet used first, then random ones among the used; (X float32, y, how many were new)."""
        self.refresh()
        N = len(self.yc)
        new = np.arange(self.used, min(N, self.used + n))
        self.used += len(new)
        rest = n - len(new)
        old = rng.integers(0, self.used, size=rest) if rest > 0 and self.used > 0 else np.zeros(0, np.int64)
        idx = np.concatenate([new, old]).astype(np.int64)
        return self.Xc[idx].astype(np.float32), self.yc[idx], len(new)


def lr_at(now, t0, train_end, lr_max, warm=WARM):
    """Learning rate at wall-clock time `now` of a run from t0 to train_end: linear warm-up, then cosine to 0."""
    f = min(max((now - t0) / (train_end - t0), 0.0), 1.0)
    if f < warm:
        return lr_max * (0.1 + 0.9 * f / warm)
    return lr_max * 0.5 * (1 + math.cos(math.pi * (f - warm) / (1 - warm)))


def train(model, *, t0, seed, train_end, epoch_n, aug_share, lr_max, aug_dir, ckpt, plain_parts, val_scores,
          score_keys, val_text, on_best, score_digits=4, skip_untrained=False):
    """Train `model` until train_end (unix time); leave it holding the chosen epoch's weights (eval mode).

    Epoch e draws from default_rng([seed, 7000 + e]): int(epoch_n * aug_share) samples from the pool in aug_dir, then
    plain_parts(the rest, rng) -> ([X arrays], [y arrays]) for the rest, then the shuffle. Batches of 128; the learning
    rate is set from the clock every 20 batches. After each epoch: v = val_scores(model), score = mean of v[score_keys]
    (history rounds it to score_digits), one log line with val_text(v), on_best(model) when the score improves (not for
    an epoch cut before its first batch when skip_untrained), and the checkpoint `ckpt`.
    Returns (chosen epoch, history, pool)."""
    opt = torch.optim.AdamW(model.parameters(), lr=lr_max, weight_decay=0.01)
    pool = AugPool(aug_dir)
    best, best_state, best_epoch, history, epoch, t_start = -1.0, None, 0, [], 0, t0
    if os.path.exists(ckpt) and os.environ.get("BOXNET_FRESH") != "1":
        ck = torch.load(ckpt, weights_only=False)
        model.load_state_dict(ck["model"]); opt.load_state_dict(ck["opt"])
        best, best_state, best_epoch, history, epoch = ck["best"], ck["best_state"], ck["best_epoch"], ck["history"], ck["epoch"]
        t_start, pool.used = ck["t_start"], ck["pool_used"]
        torch.set_rng_state(ck["torch_rng"])
        print(f"resumed after epoch {epoch} (best {best_epoch})", flush=True)

    while time.time() < train_end - 20 and os.environ.get("BOXNET_FINISH") != "1":
        epoch += 1
        te = time.time()
        rng = np.random.default_rng([seed, 7000 + epoch])
        Xa, ya, nnew = pool.draw(int(epoch_n * aug_share), rng)
        Xp, yp = plain_parts(epoch_n - len(ya), rng)
        X = np.concatenate([Xa, *Xp]); y = np.concatenate([ya, *yp])
        perm = torch.from_numpy(rng.permutation(len(X)))
        Xt, yt = torch.from_numpy(X[:, None]), torch.from_numpy(y)
        model.train()
        tot, n, cut = 0.0, 0, False
        for i in range(0, len(perm), 128):
            if i % (128 * 20) == 0:
                now = time.time()
                if now >= train_end:
                    cut = True
                    break
                for g in opt.param_groups:
                    g["lr"] = lr_at(now, t_start, train_end, lr_max)
            idx = perm[i:i + 128]
            loss = F.cross_entropy(model(Xt[idx]), yt[idx])
            opt.zero_grad(); loss.backward(); opt.step()
            tot += float(loss.detach()) * len(idx); n += len(idx)
        tt = time.time() - te
        v = val_scores(model)
        score = sum(v[k] for k in score_keys) / len(score_keys)
        history.append({"epoch": epoch, "n": n, "loss": round(tot / max(n, 1), 4), "lr_end": round(opt.param_groups[0]["lr"], 6),
                        "aug_new": nnew, "aug_pool": len(pool.yc), **{k: round(x, 4) for k, x in v.items()},
                        "score": round(score, score_digits)})
        print(f"epoch {epoch:2d} n {n}{' (cut at deadline)' if cut else ''} aug new {nnew} pool {len(pool.yc)} "
              f"loss {tot / max(n, 1):.4f} lr {opt.param_groups[0]['lr']:.2e} | {val_text(v)} | score {score:.4f} "
              f"(train {tt:.0f}s, total {time.time() - te:.0f}s, elapsed {time.time() - t0:.0f}s, "
              f"{time.strftime('%H:%M:%S', time.gmtime())})", flush=True)
        if (n > 0 or not skip_untrained) and score > best:
            best, best_epoch = score, epoch
            best_state = {k: t.clone() for k, t in model.state_dict().items()}
            on_best(model)  # best so far always on disk
        ck = {"epoch": epoch, "model": model.state_dict(), "opt": opt.state_dict(), "best": best, "best_state": best_state,
              "best_epoch": best_epoch, "history": history, "t_start": t_start, "pool_used": pool.used,
              "torch_rng": torch.get_rng_state()}
        torch.save(ck, ckpt + ".tmp"); os.replace(ckpt + ".tmp", ckpt)

    model.load_state_dict(best_state)
    model.eval()
    print(f"chosen epoch {best_epoch} (of {len(history)} trained)", flush=True)
    return best_epoch, history, pool


def report(t0, best_epoch, history, weights_path, fields):
    """The closing lines: the history, then one JSON object (`fields` between the run's length and the weights file)."""
    print("history:", json.dumps(history))
    print(json.dumps({"chosen_epoch": best_epoch, "epochs_trained": len(history), "wall_s": round(time.time() - t0),
                      **fields, "weights_bytes": os.path.getsize(weights_path),
                      "weights_sha256": hashlib.sha256(open(weights_path, "rb").read()).hexdigest(),
                      "torch": torch.__version__, "numpy": np.__version__}, indent=1), flush=True)


# ---------------------------------------------------------------- scoring: numpy forward pass from the file
def read_boxnet(path):
    """(magic, alphabet or None, float32 tensors in file order) of a BOXNET01 file or a BOXNET02 one (alphabet first)."""
    b = open(path, "rb").read()
    magic, off, alphabet = b[:8].decode("ascii", "replace"), 8, None
    assert magic in ("BOXNET01", "BOXNET02"), magic
    if magic == "BOXNET02":
        n = int.from_bytes(b[off:off + 4], "little")
        alphabet = b[off + 4:off + 4 + n].decode("utf-8"); off += 4 + n
    cnt = int.from_bytes(b[off:off + 4], "little"); off += 4
    ts = []
    for _ in range(cnt):
        nd = int.from_bytes(b[off:off + 4], "little"); off += 4
        dims = tuple(int.from_bytes(b[off + 4 * i:off + 4 * i + 4], "little") for i in range(nd)); off += 4 * nd
        sz = int(np.prod(dims)); ts.append(np.frombuffer(b, "<f4", sz, off).reshape(dims)); off += 4 * sz
    assert off == len(b)
    return magic, alphabet, ts


def np_forward(path, X):
    """float64 logits of inputs X [N,28,28] with the weights read straight from the .boxnet file."""
    w1, b1, w2, b2, f1, fb1, f2, fb2 = (t.astype(np.float64) for t in read_boxnet(path)[2])

    def conv(x, w, bb):  # x [N,C,28,28]
        N, C, H, W_ = x.shape; xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
        out = np.zeros((N, w.shape[0], H, W_))
        for dy in range(3):
            for dx in range(3):
                out += np.einsum("nchw,oc->nohw", xp[:, :, dy:dy + H, dx:dx + W_], w[:, :, dy, dx])
        return out + bb[None, :, None, None]
    pool = lambda x: x.reshape(x.shape[0], x.shape[1], x.shape[2] // 2, 2, x.shape[3] // 2, 2).max(axis=(3, 5))
    x = pool(np.maximum(conv(X[:, None].astype(np.float64), w1, b1), 0))
    x = pool(np.maximum(conv(x, w2, b2), 0))
    x = np.maximum(x.reshape(len(x), -1) @ f1.T + fb1, 0)
    return x @ f2.T + fb2


def numpy_vs_torch(path, model, X):
    """Largest |difference| between np_forward's logits and the torch model's on X."""
    with torch.no_grad():
        tl = model(torch.from_numpy(X[:, None])).numpy()
    return float(np.abs(np_forward(path, X) - tl).max())
