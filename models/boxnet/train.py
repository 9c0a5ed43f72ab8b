"""Train BoxNet, the small CNN that reads one hand-printed digit per comb box.

Run from the repository root:   python3 models/boxnet/train.py   (seed 20261202, numpy + torch, CPU)

Data: ../shared/handwriting/digits-train.u8.gz (BOXNET_DATA) (+ .labels.txt), the 60,000 MNIST training images.
Splits (strict):
  *  0 - 44,999  training (the only samples the weights ever see)
  * 45,000 - 49,999  validation: used to pick the epoch (mean of un-augmented and augmented accuracy)
  * 50,000 - 59,999  HELD BACK: scored once, at the end, with the chosen checkpoint; never tuned on.

Every sample (training, validation, held back) goes through `normalise` -- the exact preprocessing that the
Swift inference reimplements -- after augmentation. About 20% of training samples per epoch are left
un-augmented; the rest get a fresh random scan-like degradation each epoch (`augment`).

Network (fixed; Swift inference mirrors it): conv3x3 1->16 +ReLU +maxpool2, conv3x3 16->32 +ReLU +maxpool2,
flatten (c*49 + y*7 + x), fc 1568->128 +ReLU (dropout 0.3 in training), fc 128->10 logits.
Adam (lr 1e-3, cosine decay), cross-entropy, batch 128.

Outputs:
  models/handprint-digits.boxnet   weights ("BOXNET01", uint32 count=8, then per tensor uint32 ndim,
                                   ndim x uint32 dims, float32 row-major data; all little-endian)
  models/boxnet/reference.json     samples 50,000-50,003: normalised input + logits, for the Swift test

Run record: see models/boxnet/README.md (epochs, wall time, accuracies).
"""
import gzip
import hashlib
import json
import math
import os
import struct
import sys
import time

import numpy as np
from PIL import Image
from scipy import ndimage
import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 20261202
DATA = os.environ.get("BOXNET_DATA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "handwriting"))
HERE = os.path.dirname(os.path.abspath(__file__))
OUT_WEIGHTS = os.path.join(HERE, "..", "handprint-digits.boxnet")
OUT_REF = os.path.join(HERE, "reference.json")
EPOCHS = int(os.environ.get("BOXNET_EPOCHS", "12"))
THREADS = int(os.environ.get("BOXNET_THREADS", "2"))
TRAIN = range(0, 45000)
VAL = range(45000, 50000)
HELD = range(50000, 60000)


# ----------------------------------------------------------------------------------------------
# Preprocessing shared with the Swift inference. Do not change without changing Swift too.
# ----------------------------------------------------------------------------------------------
def _round(v: float) -> int:
    """Round half away from zero (for v >= 0, as used here): floor(v + 0.5)."""
    return int(math.floor(v + 0.5))


def normalise(img: np.ndarray):
    """Float greyscale image (ink 1.0, background 0.0), any size -> 28x28 float32 in [0,1], or None."""
    img = np.asarray(img, dtype=np.float32)
    mask = img >= 0.3
    if not mask.any():
        return None
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    y0, y1, x0, x1 = rows[0], rows[-1], cols[0], cols[-1]
    crop = img[y0:y1 + 1, x0:x1 + 1]
    h, w = crop.shape
    if h >= w:
        nh, nw = 20, max(1, _round(w * 20.0 / h))
    else:
        nw, nh = 20, max(1, _round(h * 20.0 / w))
    patch = np.asarray(Image.fromarray(np.ascontiguousarray(crop), mode="F").resize((nw, nh), Image.BOX),
                       dtype=np.float32)
    total = float(patch.sum(dtype=np.float64))
    if total > 0:
        ys, xs = np.mgrid[0:nh, 0:nw]
        cmx = float((patch * (xs + 0.5)).sum(dtype=np.float64)) / total
        cmy = float((patch * (ys + 0.5)).sum(dtype=np.float64)) / total
    else:  # cannot happen for inputs clipped to [0,1]; keep the patch centred
        cmx, cmy = nw / 2.0, nh / 2.0
    left = min(max(_round(14.0 - cmx), 0), 28 - nw)
    top = min(max(_round(14.0 - cmy), 0), 28 - nh)
    out = np.zeros((28, 28), dtype=np.float32)
    out[top:top + nh, left:left + nw] = patch
    return np.clip(out, 0.0, 1.0)


# ----------------------------------------------------------------------------------------------
# Augmentation: make a clean MNIST digit look like a pen digit scanned inside a coupon box.
# ----------------------------------------------------------------------------------------------
PAD = 6  # 28 -> 40 canvas before the 2x upscale


def augment(img01: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """img01: 28x28 float, ink 1. Returns a float image in [0,1] of varying size (input for normalise)."""
    canvas = np.pad(img01.astype(np.float32), PAD)
    n = canvas.shape[0]
    big = np.asarray(Image.fromarray(canvas, mode="F").resize((2 * n, 2 * n), Image.BILINEAR), dtype=np.float32)
    s = 2 * n
    # affine: rotation, shear, anisotropic scale, about the centre
    a = math.radians(rng.uniform(-12, 12))
    sh = rng.uniform(-0.25, 0.25)
    sx, sy = rng.uniform(0.8, 1.2), rng.uniform(0.8, 1.2)
    R = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    M = R @ np.array([[1.0, sh], [0.0, 1.0]]) @ np.diag([sx, sy])  # output = M @ input (x, y)
    Mi = np.linalg.inv(M)
    c = np.array([s / 2.0, s / 2.0])
    off = c - Mi @ c  # input = Mi @ output + off
    big = np.asarray(Image.fromarray(big, mode="F").transform(
        (s, s), Image.AFFINE, (Mi[0, 0], Mi[0, 1], off[0], Mi[1, 0], Mi[1, 1], off[1]), Image.BILINEAR),
        dtype=np.float32)
    # stroke width
    u = rng.random()
    if u < 0.25:
        big = ndimage.grey_dilation(big, size=(3, 3))
    elif u < 0.5:
        big = ndimage.grey_erosion(big, size=(3, 3))
    # pen / optics blur
    sigma = rng.uniform(0.0, 1.2)
    if sigma > 0.05:
        big = ndimage.gaussian_filter(big, sigma)
    # scan resolution: glyph 10-40 px tall
    ys = np.flatnonzero((big >= 0.3).any(axis=1))
    if len(ys) == 0:  # glyph eroded away: fall back to the undegraded upscale
        return img01
    gh = ys[-1] - ys[0] + 1
    target = rng.uniform(10, 40)
    k = target / gh
    ns = max(4, _round(s * k))
    small = np.asarray(Image.fromarray(big, mode="F").resize(
        (ns, ns), Image.BOX if ns < s else Image.BILINEAR), dtype=np.float32)
    small = np.clip(small, 0.0, 1.0)
    # contrast, paper level, sensor noise
    ink = rng.uniform(0.45, 1.0)
    bg = rng.uniform(0.0, 0.15)
    out = small * ink + bg
    nsig = rng.uniform(0.0, 0.08)
    if nsig > 0:
        out = out + rng.normal(0.0, nsig, out.shape).astype(np.float32)
    if rng.random() < 0.1:  # occasional speckles (dust, toner)
        for _ in range(rng.integers(1, 4)):
            y, x = rng.integers(0, ns - 1, size=2)
            out[y:y + rng.integers(1, 3), x:x + rng.integers(1, 3)] = rng.uniform(0.3, 1.0) * ink + bg
    out = np.round(np.clip(out, 0.0, 1.0) * 255.0) / 255.0  # 8-bit scan
    return out.astype(np.float32)


def prepare(images: np.ndarray, rng, aug_frac: float) -> np.ndarray:
    """images: N x 28 x 28 uint8. Returns N x 28 x 28 float32 network inputs."""
    out = np.zeros((len(images), 28, 28), dtype=np.float32)
    for i, im in enumerate(images):
        src = im.astype(np.float32) / 255.0
        x = None
        if rng is not None and rng.random() < aug_frac:
            x = normalise(augment(src, rng))
        if x is None:
            x = normalise(src)
        if x is not None:
            out[i] = x
    return out


# ----------------------------------------------------------------------------------------------
class BoxNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc1 = nn.Linear(1568, 128)
        self.fc2 = nn.Linear(128, 10)
        self.drop = nn.Dropout(0.3)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = self.drop(F.relu(self.fc1(x)))
        return self.fc2(x)


def accuracy(model, X, y):
    model.eval()
    with torch.no_grad():
        pred = torch.cat([model(torch.from_numpy(X[i:i + 1000, None])).argmax(1) for i in range(0, len(X), 1000)])
    return float((pred.numpy() == y).mean())


def write_weights(model, path):
    names = ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias",
             "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
    sd = model.state_dict()
    with open(path, "wb") as f:
        f.write(b"BOXNET01")
        f.write(struct.pack("<I", len(names)))
        for n in names:
            a = sd[n].detach().cpu().numpy().astype("<f4")
            f.write(struct.pack("<I", a.ndim))
            f.write(struct.pack("<%dI" % a.ndim, *a.shape))
            f.write(np.ascontiguousarray(a).tobytes())


def main():
    t0 = time.time()
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(THREADS)
    rng = np.random.default_rng(SEED)

    raw = gzip.open(os.path.join(DATA, "digits-train.u8.gz")).read()
    assert hashlib.sha256(raw).hexdigest() == "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757"
    imgs = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 28, 28)
    labels = np.array([int(s) for s in open(os.path.join(DATA, "digits-train.labels.txt")).read().split("\n")[:-1]],
                      dtype=np.int64)
    assert len(imgs) == len(labels) == 60000

    ytr, yva = labels[TRAIN.start:TRAIN.stop], labels[VAL.start:VAL.stop]
    Xtr_plain = prepare(imgs[TRAIN.start:TRAIN.stop], None, 0.0)
    Xva_plain = prepare(imgs[VAL.start:VAL.stop], None, 0.0)
    Xva_aug = prepare(imgs[VAL.start:VAL.stop], np.random.default_rng(SEED + 1), 1.0)  # fixed augmented val set
    print(f"data ready {time.time() - t0:.0f}s", flush=True)

    model = BoxNet()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=EPOCHS)
    best, best_state, best_epoch, history = -1.0, None, 0, []
    for epoch in range(1, EPOCHS + 1):
        te = time.time()
        Xtr = prepare(imgs[TRAIN.start:TRAIN.stop], rng, 0.8)  # fresh augmentation every epoch
        ta = time.time() - te
        model.train()
        perm = torch.from_numpy(rng.permutation(len(Xtr)))
        Xt, yt = torch.from_numpy(Xtr[:, None]), torch.from_numpy(ytr)
        tot = 0.0
        for i in range(0, len(perm), 128):
            idx = perm[i:i + 128]
            loss = F.cross_entropy(model(Xt[idx]), yt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot += float(loss) * len(idx)
        sched.step()
        va_p, va_a = accuracy(model, Xva_plain, yva), accuracy(model, Xva_aug, yva)
        score = (va_p + va_a) / 2
        history.append((epoch, tot / len(perm), va_p, va_a))
        print(f"epoch {epoch:2d} loss {tot / len(perm):.4f} val plain {va_p:.4f} val aug {va_a:.4f} "
              f"(aug {ta:.0f}s, total {time.time() - te:.0f}s, elapsed {time.time() - t0:.0f}s)", flush=True)
        if score > best:
            best, best_epoch = score, epoch
            best_state = {k: v.clone() for k, v in model.state_dict().items()}

    model.load_state_dict(best_state)
    model.eval()
    print(f"chosen epoch {best_epoch}", flush=True)
    res = {
        "train_plain": accuracy(model, Xtr_plain, ytr),
        "val_plain": accuracy(model, Xva_plain, yva),
        "val_aug": accuracy(model, Xva_aug, yva),
    }
    # held-back range: scored once, with the chosen checkpoint
    yhe = labels[HELD.start:HELD.stop]
    Xhe_plain = prepare(imgs[HELD.start:HELD.stop], None, 0.0)
    Xhe_aug = prepare(imgs[HELD.start:HELD.stop], np.random.default_rng(SEED + 2), 1.0)
    res["held_plain"] = accuracy(model, Xhe_plain, yhe)
    res["held_aug"] = accuracy(model, Xhe_aug, yhe)

    write_weights(model, OUT_WEIGHTS)
    samples = []
    with torch.no_grad():
        for i in range(50000, 50004):
            x = normalise(imgs[i].astype(np.float32) / 255.0)
            logits = model(torch.from_numpy(x[None, None]))[0].numpy()
            samples.append({"index": i, "label": int(labels[i]),
                            "input": [round(float(v), 6) for v in x.reshape(-1)],
                            "logits": [round(float(v), 6) for v in logits]})
    with open(OUT_REF, "w") as f:
        json.dump({"samples": samples}, f)
        f.write("\n")

    wall = time.time() - t0
    sha = hashlib.sha256(open(OUT_WEIGHTS, "rb").read()).hexdigest()
    print("history (epoch, loss, val_plain, val_aug):", history)
    print(json.dumps({"epochs": EPOCHS, "chosen_epoch": best_epoch, "wall_s": round(wall), **res,
                      "weights_bytes": os.path.getsize(OUT_WEIGHTS), "weights_sha256": sha,
                      "torch": torch.__version__}, indent=1))


if __name__ == "__main__":
    main()
