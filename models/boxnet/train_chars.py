"""Train the free-line character classifier `handprint-chars.boxnet` (37 classes: 0-9, A-Z, '@').

Run:   python3 models/boxnet/train_chars.py   (seed 20261202, numpy + torch, CPU; env below)
  BOXNET_EPOCHS   (default 12)    epochs
  BOXNET_EPOCH_N  (default 60000) samples drawn per epoch (65% letters, 25% digits, 7% font chars, 3% font '@')
  BOXNET_THREADS  (default 2)     one torch thread + one augmentation worker process, as train.py
  BOXNET_DATA     (default ../shared/handwriting)
  BOXNET_OUT      one folder for both outputs (default models/handprint-chars.boxnet, models/boxnet/reference-chars.json)
  BOXNET_CKPT     checkpoint written after every epoch (default /tmp/boxnet-chars/checkpoint.pt); a run resumes from it
  BOXNET_FRESH=1  ignore an existing checkpoint
  BOXNET_DEADLINE unix time: no epoch is started that would not end before it (then the best epoch so far is written)
  BOXNET_FINISH=1 train no further: write the model from the checkpoint's best epoch and score it

It reuses train.py's Swift preprocessing (`ink_from_grey`, `normalise`), its glyph canvases (`mnist_big`, `font_big`,
`scaled_glyph`) and its pen/optics degradation (`degrade`), by importing train.py (whose behaviour is unchanged).

Data (../shared/handwriting):
  digits  (MNIST train):          0-44,999 training, 45,000-49,999 validation, 50,000-59,999 HELD BACK
  letters (EMNIST letters train): 0-44,999 and 60,000-124,799 training, 45,000-49,999 validation,
                                  50,000-59,999 HELD BACK (the project's coupons use 45,000-59,999 -> never trained on)
  fonts: only train.py's FONTS (dkg family, Breip, breipfont); '@' comes only from them.
Neighbour glyphs come from the same split as the sample (training: training ranges only).

What Swift feeds the network for a free-line field (simulated here, see `strip_input`):
  grey 8-bit strip of the line (glyph cap height 14-70 px log-uniform, neighbours left/right at gaps of
  -0.05..0.6 x cap, paper/ink/noise/JPEG/writing-line remnant) -> ink_from_grey over the whole strip ->
  8-connected components of ink >= 0.3 with >= 3 pixels -> the components whose pixel majority lies in the target
  glyph's own mask (a component spanning target and neighbour is cut at a column in the gap +-0.1 x cap) -> the float
  ink at the kept pixels, zero elsewhere -> normalise.
"""
import concurrent.futures
import gzip
import hashlib
import io
import json
import math
import multiprocessing
import os
import struct
import sys
import time
from collections import Counter

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import train as T  # noqa: E402  (BoxNet v2's script; importing it only defines functions and constants)

SEED = int(os.environ.get("BOXNET_SEED", "20261202"))  # another seed trains a second member of an ensemble
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ@"
AT = ALPHABET.index("@")
DATA = os.environ.get("BOXNET_DATA", os.path.join(HERE, "..", "..", "..", "shared", "handwriting"))
OUT = os.environ.get("BOXNET_OUT")
OUT_WEIGHTS = os.path.join(OUT or os.path.join(HERE, ".."), "handprint-chars.boxnet")
OUT_REF = os.path.join(OUT or HERE, "reference-chars.json")
CKPT = os.environ.get("BOXNET_CKPT", "/tmp/boxnet-chars/checkpoint.pt")
EPOCHS = int(os.environ.get("BOXNET_EPOCHS", "12"))
EPOCH_N = int(os.environ.get("BOXNET_EPOCH_N", "60000"))
THREADS = int(os.environ.get("BOXNET_THREADS", "2"))
DEADLINE = float(os.environ.get("BOXNET_DEADLINE", "0") or 0)
C1, C2, HIDDEN = (int(v) for v in os.environ.get("BOXNET_WIDTHS", "24,48,128").split(","))

D_TRAIN = np.arange(0, 45000)
L_TRAIN = np.concatenate([np.arange(0, 45000), np.arange(60000, 124800)])
VAL = np.arange(45000, 50000)
HELD = np.arange(50000, 60000)
SHARE_L, SHARE_D, SHARE_F, SHARE_AT = 0.65, 0.25, 0.07, 0.03
PLAIN_FRAC = 0.30          # share of samples left un-augmented (normalise(img/255)), as train.py
ACCENT_P = 0.10 / (1 - PLAIN_FRAC)  # accent on 1/7 of augmented letters = 10% of all letter samples
TOUCH_P = 0.10             # one neighbour pushed into the target (then Swift's column cut)
FONT_LOWER_P = 0.3         # font letters rendered lower case (EMNIST classes merge both cases)
CHUNKS = 4
WORKER_CHUNKS = 2          # the worker makes chunks 0-1 of epoch e+1 while torch trains epoch e, the main process 2-3
SMOKE = os.environ.get("BOXNET_SMOKE") == "1"  # tiny validation / held-back sets, only to test the script
FONT_VAL_N = 2000

# Kinds of sample: (kind, index or char, label)
K_DIGIT, K_LETTER, K_FONT = 0, 1, 2


# ----------------------------------------------------------------------------------------------
# Glyph canvases
# ----------------------------------------------------------------------------------------------
_D = _L = None  # digit / letter images (uint8 N x 28 x 28), set in main before the worker forks


def hand_big(kind, idx):
    img = (_D if kind == K_DIGIT else _L)[idx]
    return T.mnist_big(img.astype(np.float32) / 255.0)


def add_accent(big: np.ndarray, rng) -> np.ndarray:
    """A small accent just above the glyph (acute, grave, dot, short bar) or an ogonek/tail below it."""
    m = big >= 0.3
    if not m.any():
        return big
    rows, cols = np.flatnonzero(m.any(axis=1)), np.flatnonzero(m.any(axis=0))
    y0, y1, x0, x1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    h = y1 - y0
    s = big.shape[0]
    wdt = max(2, int(round(h * rng.uniform(0.06, 0.11))))
    im = Image.new("L", (big.shape[1], s), 0)
    d = ImageDraw.Draw(im)
    kind = rng.choice(5, p=[0.25, 0.2, 0.2, 0.15, 0.2])
    xc = (x0 + x1) / 2 + rng.uniform(-0.15, 0.15) * (x1 - x0)
    yb = y0 - rng.uniform(0.08, 0.25) * h          # lower end of a mark above the glyph
    L = rng.uniform(0.14, 0.24) * h
    if kind == 0:    # acute
        d.line([(xc - 0.35 * L, yb), (xc + 0.35 * L, yb - L)], fill=255, width=wdt)
    elif kind == 1:  # grave
        d.line([(xc + 0.35 * L, yb), (xc - 0.35 * L, yb - L)], fill=255, width=wdt)
    elif kind == 2:  # dot
        r = max(wdt * rng.uniform(0.5, 0.9), 1.5)
        d.ellipse([xc - r, yb - 2 * r, xc + r, yb], fill=255)
    elif kind == 3:  # short bar
        hl = rng.uniform(0.12, 0.22) * h
        d.line([(xc - hl, yb - wdt / 2), (xc + hl, yb - wdt / 2)], fill=255, width=wdt)
    else:            # ogonek / tail below, hanging from the bottom right part
        xo = x0 + rng.uniform(0.5, 0.9) * (x1 - x0)
        yo = y1 - 0.03 * h
        t = rng.uniform(0.15, 0.25) * h
        d.line([(xo, yo), (xo - 0.35 * t, yo + 0.5 * t), (xo - 0.1 * t, yo + t), (xo + 0.3 * t, yo + 1.05 * t)],
               fill=255, width=wdt, joint="curve")
    return np.maximum(big, np.asarray(im, dtype=np.float32) / 255.0)


def font_char(label, rng):
    """The character to render for a font sample of class `label`."""
    ch = ALPHABET[label]
    if ch.isalpha() and rng.random() < FONT_LOWER_P:
        ch = ch.lower()
    return ch


# ----------------------------------------------------------------------------------------------
# A free-line field strip, scanned, and what Swift cuts out of it for the target glyph
# ----------------------------------------------------------------------------------------------
def _ink_box(g):
    m = g >= 0.3
    rows, cols = np.flatnonzero(m.any(axis=1)), np.flatnonzero(m.any(axis=0))
    return rows[0], rows[-1] + 1, cols[0], cols[-1] + 1


def _scaled_to(big, height, rng):
    """Degraded glyph scaled so that its ink is `height` scan pixels tall; None if nothing is left."""
    m = big >= 0.3
    if not m.any():
        return None
    rows = np.flatnonzero(m.any(axis=1))
    g = T.scaled_glyph(big, height / (rows[-1] - rows[0] + 1))
    if g is None or not (g >= 0.3).any():
        return None
    return g


STATS = Counter()


def strip_input(target_big, rng, neighbours=(None, None), height_range=(0.85, 1.05)):
    """target_big: clean high-res glyph canvas (ink 1 on 0). neighbours: (left, right) clean canvases or None.
    Returns the 28x28 network input Swift would make, or None when Swift would keep no stroke of the target."""
    cap = math.exp(rng.uniform(math.log(14), math.log(70)))
    g = _scaled_to(T.degrade(target_big, rng), cap * rng.uniform(*height_range), rng)
    if g is None:
        return None
    touch_side = int(rng.integers(2)) if rng.random() < TOUCH_P else -1
    glyphs = [(g, 0.0, 0.0)]  # (array, ink left x, ink bottom y) in strip units; target ink left at 0, bottom at 0
    tr0, tr1, tc0, tc1 = _ink_box(g)
    tw = tc1 - tc0
    sides = []
    for side, nb in enumerate(neighbours):
        if nb is None:
            continue
        ng = _scaled_to(T.degrade(nb, rng), cap * rng.uniform(0.7, 1.05), rng)
        if ng is None:
            continue
        gap = (rng.uniform(-0.15, 0.0) if side == touch_side else rng.uniform(-0.05, 0.6)) * cap
        nr0, nr1, nc0, nc1 = _ink_box(ng)
        left = -gap - (nc1 - nc0) if side == 0 else tw + gap
        glyphs.append((ng, left, rng.uniform(-0.08, 0.08) * cap))
        sides.append(side)
    # array positions (top, left) so that each glyph's ink box lands where planned
    pos = []
    for arr, inkx, inky in glyphs:
        r0, r1, c0, c1 = _ink_box(arr)
        pos.append((int(math.floor(inky - r1 + 0.5)), int(math.floor(inkx - c0 + 0.5)), (r0, r1, c0, c1)))
    ink_top = min(p[0] + p[2][0] for p in pos)
    ink_bot = max(p[0] + p[2][1] for p in pos)
    ink_l = min(p[1] + p[2][2] for p in pos)
    ink_r = max(p[1] + p[2][3] for p in pos)
    mt, mb = int(rng.uniform(0.2, 0.6) * cap) + 2, int(rng.uniform(0.2, 0.6) * cap) + 2
    ml, mr = int(rng.uniform(0.1, 0.8) * cap) + 2, int(rng.uniform(0.1, 0.8) * cap) + 2
    H, W = ink_bot - ink_top + mt + mb, ink_r - ink_l + ml + mr
    dy, dx = mt - ink_top, ml - ink_l
    layers = []
    sigma = rng.uniform(0.0, 0.8)                  # scanner optics, on top of the pen blur in degrade
    for (arr, _, _), (top, left, _) in zip(glyphs, pos):
        lay = np.zeros((H, W), dtype=np.float32)
        T._paste_max(lay, arr, top + dy, left + dx)
        if sigma > 0.2:
            lay = ndimage.gaussian_filter(lay, sigma)
        layers.append(lay)
    ink = layers[0].copy()
    for lay in layers[1:]:
        np.maximum(ink, lay, out=ink)
    # paper, writing-line remnant, ink colour, noise, speckles, JPEG -> 8-bit grey
    paper = rng.uniform(200, 255)
    bg = np.full((H, W), paper, dtype=np.float32)
    if rng.random() < 0.5:
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        bg += rng.uniform(-8, 8) * (xx / W - 0.5) + rng.uniform(-8, 8) * (yy / H - 0.5)
    tex = rng.uniform(0, 4)
    if tex > 0.3:
        bg += ndimage.gaussian_filter(rng.normal(0, 1, (H, W)).astype(np.float32), 1.0) * tex * 2
    if rng.random() < 0.3:                         # faint remnant of the writing line, just below the glyphs
        t = int(rng.integers(1, 3))
        y = min(max(dy + int(rng.uniform(0.0, 0.15) * cap) + 1, 0), H - t)
        np.minimum(bg[y:y + t, :], rng.uniform(180, 245), out=bg[y:y + t, :])
        STATS["line"] += 1
    inkc = rng.uniform(0, 0.55) * paper
    grey = bg - ink * (bg - inkc)
    nsig = rng.uniform(0, 6)
    if nsig > 0.2:
        grey += rng.normal(0, nsig, (H, W)).astype(np.float32)
    if rng.random() < 0.15:
        for _ in range(int(rng.integers(1, 5))):
            y, x = int(rng.integers(0, H)), int(rng.integers(0, W))
            grey[y:y + int(rng.integers(1, 3)), x:x + int(rng.integers(1, 3))] = rng.uniform(inkc, paper - 40)
    grey = np.clip(np.floor(grey + 0.5), 0, 255).astype(np.uint8)
    if rng.random() < 0.3:
        buf = io.BytesIO()
        Image.fromarray(grey, mode="L").save(buf, "JPEG", quality=int(rng.integers(35, 91)))
        grey = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("L"), dtype=np.uint8)
    # --- Swift: ink over the whole strip, components, the target's components, normalise
    sink = T.ink_from_grey(grey)
    labels, n = ndimage.label(sink >= T.STROKE_LEVEL, structure=T.EIGHT)
    if n == 0:
        return None
    counts = np.bincount(labels.ravel(), minlength=n + 1)
    others = np.zeros((H, W), dtype=np.float32)
    for lay in layers[1:]:
        np.maximum(others, lay, out=others)
    tmask = (layers[0] >= 0.1) & (layers[0] >= others)
    tcount = np.bincount(labels[tmask], minlength=n + 1)
    keep = (counts >= 3) & (2 * tcount > counts)
    keep[0] = False
    kept = keep[labels]
    # a component spanning the target and a neighbour: Swift cuts it at a column in the gap
    for k, side in enumerate(sides, start=1):
        nmask = (layers[k] >= 0.1) & (layers[k] > layers[0])
        ncount = np.bincount(labels[nmask], minlength=n + 1)
        lim = np.maximum(3, 0.1 * counts)
        merged = np.flatnonzero((counts >= 3) & (tcount >= lim) & (ncount >= lim))
        merged = merged[merged > 0]
        if len(merged) == 0:
            continue
        STATS["cut"] += 1
        t_l, t_r = pos[0][1] + pos[0][2][2] + dx, pos[0][1] + pos[0][2][3] + dx
        n_l, n_r = pos[k][1] + pos[k][2][2] + dx, pos[k][1] + pos[k][2][3] + dx
        mid = (t_l + n_r) / 2.0 if side == 0 else (t_r + n_l) / 2.0
        xcut = mid + rng.uniform(-0.1, 0.1) * cap
        cols = np.arange(W)[None, :]
        in_merged = np.isin(labels, merged)
        target_side = (cols >= xcut) if side == 0 else (cols < xcut)
        kept = (kept & ~in_merged) | (in_merged & target_side)
    if not kept.any():
        return None
    return T.normalise(np.where(kept, sink, np.float32(0)))


# ----------------------------------------------------------------------------------------------
# Samples -> network inputs
# ----------------------------------------------------------------------------------------------
def neighbour_bigs(rng, pools):
    """Left and right neighbour canvases (each present with p 0.9) from pools = (digit indices, letter indices)."""
    out = []
    for _ in range(2):
        if rng.random() < 0.9:
            if rng.random() < 0.7:
                out.append(hand_big(K_LETTER, int(pools[1][rng.integers(len(pools[1]))])))
            else:
                out.append(hand_big(K_DIGIT, int(pools[0][rng.integers(len(pools[0]))])))
        else:
            out.append(None)
    return tuple(out)


def make_inputs(samples, rng, plain_frac, pools):
    """samples: list of (kind, index, label). Returns N x 28 x 28 float32 inputs, labels, empty mask (Swift keeps
    nothing: input left zero)."""
    X = np.zeros((len(samples), 28, 28), dtype=np.float32)
    y = np.array([s[2] for s in samples], dtype=np.int64)
    empty = np.zeros(len(samples), dtype=bool)
    for i, (kind, idx, label) in enumerate(samples):
        plain = rng.random() < plain_frac
        if kind == K_FONT:
            ch = font_char(label, rng)
            big = T.font_big(ch, rng)
            if plain:
                x = T.normalise(T.scaled_glyph(big, 0.5) if rng.random() < 0.5 else big)
            else:
                if label >= 10 and label != AT and rng.random() < ACCENT_P:
                    big = add_accent(big, rng)
                if label == AT:
                    hr = (0.55, 1.0)
                elif ch.islower():
                    hr = (0.6, 1.0)
                else:
                    hr = (0.85, 1.05)
                x = strip_input(big, rng, neighbour_bigs(rng, pools), hr)
        else:
            if plain:
                x = T.normalise((_D if kind == K_DIGIT else _L)[idx].astype(np.float32) / 255.0)
            else:
                big = hand_big(kind, idx)
                if kind == K_LETTER and rng.random() < ACCENT_P:
                    big = add_accent(big, rng)
                x = strip_input(big, rng, neighbour_bigs(rng, pools))
        if x is None:
            empty[i] = True
        else:
            X[i] = x
    return X, y, empty


def hand_samples(kind, indices, labels):
    return [(kind, int(i), int(labels[i])) for i in indices]


def epoch_plan(epoch):
    """The epoch's letter and digit training indices (deterministic per epoch, whichever process asks)."""
    r = np.random.default_rng([SEED, 2000 + epoch])
    nl, nd = int(round(EPOCH_N * SHARE_L)), int(round(EPOCH_N * SHARE_D))
    return r.choice(L_TRAIN, nl, replace=False), r.choice(D_TRAIN, nd, replace=False)


def epoch_chunk(epoch, chunk):
    rng = np.random.default_rng([SEED, epoch, chunk])
    li, di = epoch_plan(epoch)
    part = lambda a: a[chunk * len(a) // CHUNKS:(chunk + 1) * len(a) // CHUNKS]
    nf, na = int(round(EPOCH_N * SHARE_F)), int(round(EPOCH_N * SHARE_AT))
    nfc = nf * (chunk + 1) // CHUNKS - nf * chunk // CHUNKS
    nac = na * (chunk + 1) // CHUNKS - na * chunk // CHUNKS
    samples = (hand_samples(K_LETTER, part(li), _LL) + hand_samples(K_DIGIT, part(di), _DL)
               + [(K_FONT, -1, int(v)) for v in rng.integers(0, 36, size=nfc)] + [(K_FONT, -1, AT)] * nac)
    STATS.clear()
    X, y, e = make_inputs(samples, rng, PLAIN_FRAC, (D_TRAIN, L_TRAIN))
    return X[~e], y[~e], int(e.sum()), dict(STATS)


def epoch_chunks(epoch, chunks):
    return [epoch_chunk(epoch, c) for c in chunks]


_DL = _LL = None  # class indices of the digit / letter images


# ----------------------------------------------------------------------------------------------
class CharNet(nn.Module):
    def __init__(self, c1=C1, c2=C2, hidden=HIDDEN, classes=len(ALPHABET)):
        super().__init__()
        self.conv1 = nn.Conv2d(1, c1, 3, padding=1)
        self.conv2 = nn.Conv2d(c1, c2, 3, padding=1)
        self.fc1 = nn.Linear(c2 * 49, hidden)
        self.fc2 = nn.Linear(hidden, classes)
        self.drop = nn.Dropout(0.3)

    forward = T.BoxNet.forward


def write_weights(model, path):
    """BOXNET02: magic, uint32 alphabet byte length + UTF-8 alphabet, then v1's tensor list."""
    sd = model.state_dict()
    alpha = ALPHABET.encode("utf-8")
    with open(path, "wb") as f:
        f.write(b"BOXNET02")
        f.write(struct.pack("<I", len(alpha)))
        f.write(alpha)
        f.write(struct.pack("<I", len(T.NAMES)))
        for n in T.NAMES:
            a = sd[n].detach().cpu().numpy().astype("<f4")
            f.write(struct.pack("<I", a.ndim))
            f.write(struct.pack("<%dI" % a.ndim, *a.shape))
            f.write(np.ascontiguousarray(a).tobytes())


def load(name, sha):
    raw = gzip.open(os.path.join(DATA, name + ".u8.gz")).read()
    assert hashlib.sha256(raw).hexdigest() == sha, name
    imgs = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 28, 28)
    labels = np.array([ALPHABET.index(s) for s in open(os.path.join(DATA, name + ".labels.txt")).read().split("\n")[:-1]],
                      dtype=np.int64)
    assert len(imgs) == len(labels)
    return imgs, labels


def accuracy_within(model, X, y, allowed, empty=None):
    """Accuracy when only the classes in `allowed` may be answered (Swift's per-field whitelist, e.g. digits only)."""
    model.eval()
    allowed = torch.tensor(allowed)
    with torch.no_grad():
        pred = torch.cat([allowed[model(torch.from_numpy(X[i:i + 1000, None]))[:, allowed].argmax(1)]
                          for i in range(0, len(X), 1000)]).numpy()
    ok = pred == y
    if empty is not None:
        ok &= ~empty
    return float(ok.mean())


DIGITS, LETTERS = list(range(10)), list(range(10, 36))


def confusions(pred, y, empty, top=10):
    c = Counter()
    for p, t, e in zip(pred, y, empty):
        if e:
            c[(ALPHABET[t], "(empty)")] += 1
        elif p != t:
            c[(ALPHABET[t], ALPHABET[p])] += 1
    return [f"{a}->{b} {n}" for (a, b), n in c.most_common(top)]


def save_ckpt(state):
    os.makedirs(os.path.dirname(CKPT), exist_ok=True)
    torch.save(state, CKPT + ".tmp")
    os.replace(CKPT + ".tmp", CKPT)


def main():
    global _D, _L, _DL, _LL
    t0 = time.time()
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(max(1, THREADS - 1))
    _D, _DL = load("digits-train", "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757")
    _L, _LL = load("letters-train", "9d5d0a67fd893cbfb3a49abf7a1b764c994c462b342648a4fba0dcc0d7f5cfc6")
    assert len(_D) == 60000 and len(_L) == 124800

    model = CharNet()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=EPOCHS)
    best, best_state, best_epoch, history, start = -1.0, None, 0, [], 1
    if os.path.exists(CKPT) and os.environ.get("BOXNET_FRESH") != "1":
        ck = torch.load(CKPT, weights_only=False)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        sched.load_state_dict(ck["sched"])
        torch.set_rng_state(ck["torch_rng"])
        best, best_state, best_epoch, history = ck["best"], ck["best_state"], ck["best_epoch"], ck["history"]
        start = ck["epoch"] + 1
        print(f"resumed from {CKPT} after epoch {ck['epoch']} (best epoch {best_epoch})", flush=True)
    finish_only = os.environ.get("BOXNET_FINISH") == "1"
    macs = 784 * C1 * 9 + 196 * C2 * C1 * 9 + C2 * 49 * HIDDEN + HIDDEN * len(ALPHABET)
    print(f"widths {C1}/{C2}/{HIDDEN}, {macs:,} multiply-adds; epochs {EPOCHS} x {EPOCH_N} samples; seed {SEED}",
          flush=True)

    train_more = start <= EPOCHS and not finish_only
    if train_more:
        pool = concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        pending = pool.submit(epoch_chunks, start, range(WORKER_CHUNKS))
        own = epoch_chunks(start, range(WORKER_CHUNKS, CHUNKS))

    vpools = (VAL, VAL)
    vl = hand_samples(K_LETTER, VAL[:300] if SMOKE else VAL, _LL)
    vd = hand_samples(K_DIGIT, VAL[:300] if SMOKE else VAL, _DL)
    Xvl_p, yvl, _ = make_inputs(vl, np.random.default_rng(SEED), 1.0, vpools)
    Xvd_p, yvd, _ = make_inputs(vd, np.random.default_rng(SEED), 1.0, vpools)
    Xvl_a, _, Evl_a = make_inputs(vl, np.random.default_rng([SEED + 1, 0]), 0.0, vpools)
    Xvd_a, _, Evd_a = make_inputs(vd, np.random.default_rng([SEED + 1, 1]), 0.0, vpools)
    fr = np.random.default_rng(SEED + 3)
    fv = [(K_FONT, -1, int(v)) for v in fr.integers(0, 36, size=FONT_VAL_N * 3 // 4 // (10 if SMOKE else 1))] + [(K_FONT, -1, AT)] * (FONT_VAL_N // 4 // (10 if SMOKE else 1))
    Xfv, yfv, Efv = make_inputs(fv, fr, 0.0, vpools)
    print(f"data ready {time.time() - t0:.0f}s; val as-Swift empty: letters {int(Evl_a.sum())}, digits "
          f"{int(Evd_a.sum())}, fonts {int(Efv.sum())}", flush=True)

    def val_scores():
        r = {"L_plain": T.accuracy(model, Xvl_p, yvl), "L_swift": T.accuracy(model, Xvl_a, yvl, Evl_a),
             "D_plain": T.accuracy(model, Xvd_p, yvd), "D_swift": T.accuracy(model, Xvd_a, yvd, Evd_a),
             "F_swift": T.accuracy(model, Xfv, yfv, Efv)}
        at = yfv == AT
        r["at_swift"] = float(((T.predict(model, Xfv) == yfv) & ~Efv)[at].mean())
        return r

    epoch = start - 1
    last_epoch_s = 0.0
    while train_more and epoch < EPOCHS:
        epoch += 1
        if DEADLINE and time.time() + last_epoch_s * 1.05 + 5 > DEADLINE:
            print(f"deadline: epoch {epoch} would end after it; stopping", flush=True)
            break
        te = time.time()
        parts = pending.result() + own
        tw = time.time() - te
        if epoch < EPOCHS:
            pending = pool.submit(epoch_chunks, epoch + 1, range(WORKER_CHUNKS))
        Xall = np.concatenate([p[0] for p in parts])
        yall = np.concatenate([p[1] for p in parts])
        n_empty = sum(p[2] for p in parts)
        st = Counter()
        for p in parts:
            st.update(p[3])
        del parts
        tot = T.train_epoch(model, opt, Xall, yall, SEED, epoch)
        sched.step()
        tt = time.time() - te
        if epoch < EPOCHS:
            own = epoch_chunks(epoch + 1, range(WORKER_CHUNKS, CHUNKS))
        v = val_scores()
        score = (v["L_plain"] + v["L_swift"] + v["D_plain"] + v["D_swift"]) / 4
        history.append({"epoch": epoch, "loss": round(tot / len(Xall), 4), **{k: round(x, 4) for k, x in v.items()}})
        print(f"epoch {epoch:2d} n {len(Xall)} (empty {n_empty}, cut {st['cut']}) loss {tot / len(Xall):.4f} | val "
              f"letters plain {v['L_plain']:.4f} swift {v['L_swift']:.4f} | digits plain {v['D_plain']:.4f} swift "
              f"{v['D_swift']:.4f} | fonts swift {v['F_swift']:.4f} (@ {v['at_swift']:.4f}) | score {score:.4f} "
              f"(waited {tw:.0f}s, trained {tt - tw:.0f}s, total {time.time() - te:.0f}s, elapsed {time.time() - t0:.0f}s)",
              flush=True)
        if score > best:
            best, best_epoch = score, epoch
            best_state = {k: t.clone() for k, t in model.state_dict().items()}
        save_ckpt({"epoch": epoch, "model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                   "torch_rng": torch.get_rng_state(), "best": best, "best_state": best_state,
                   "best_epoch": best_epoch, "history": history})
        last_epoch_s = time.time() - te
    if train_more:
        pool.shutdown(wait=False, cancel_futures=True)

    model.load_state_dict(best_state)
    model.eval()
    print(f"chosen epoch {best_epoch} (of {len(history)} trained; planned {EPOCHS})", flush=True)
    res = {"val": val_scores()}
    res["val"].update({"L_swift_AZ_only": accuracy_within(model, Xvl_a, yvl, LETTERS, Evl_a),
                       "D_swift_09_only": accuracy_within(model, Xvd_a, yvd, DIGITS, Evd_a)})
    # held back: scored once, with the chosen checkpoint
    hpools = (HELD, HELD)
    hl = hand_samples(K_LETTER, HELD[:300] if SMOKE else HELD, _LL)
    hd = hand_samples(K_DIGIT, HELD[:300] if SMOKE else HELD, _DL)
    Xhl_p, yhl, _ = make_inputs(hl, np.random.default_rng(SEED), 1.0, hpools)
    Xhd_p, yhd, _ = make_inputs(hd, np.random.default_rng(SEED), 1.0, hpools)
    Xhl_a, _, Ehl_a = make_inputs(hl, np.random.default_rng([SEED + 2, 0]), 0.0, hpools)
    Xhd_a, _, Ehd_a = make_inputs(hd, np.random.default_rng([SEED + 2, 1]), 0.0, hpools)
    res["held"] = {"L_plain": T.accuracy(model, Xhl_p, yhl), "L_swift": T.accuracy(model, Xhl_a, yhl, Ehl_a),
                   "D_plain": T.accuracy(model, Xhd_p, yhd), "D_swift": T.accuracy(model, Xhd_a, yhd, Ehd_a),
                   "empty": {"L_swift": int(Ehl_a.sum()), "D_swift": int(Ehd_a.sum())},
                   "L_plain_AZ_only": accuracy_within(model, Xhl_p, yhl, LETTERS),
                   "L_swift_AZ_only": accuracy_within(model, Xhl_a, yhl, LETTERS, Ehl_a),
                   "D_plain_09_only": accuracy_within(model, Xhd_p, yhd, DIGITS),
                   "D_swift_09_only": accuracy_within(model, Xhd_a, yhd, DIGITS, Ehd_a)}
    res["held_letter_confusions_swift"] = confusions(T.predict(model, Xhl_a), yhl, Ehl_a)
    res["held_letter_confusions_plain"] = confusions(T.predict(model, Xhl_p), yhl, np.zeros(len(yhl), bool))
    res["held_digit_confusions_swift"] = confusions(T.predict(model, Xhd_a), yhd, Ehd_a)

    os.makedirs(os.path.dirname(os.path.abspath(OUT_WEIGHTS)), exist_ok=True)
    write_weights(model, OUT_WEIGHTS)
    refs = [("letters", 50000, _L[50000], _LL[50000]), ("letters", 50001, _L[50001], _LL[50001]),
            ("digits", 50000, _D[50000], _DL[50000])]
    samples = []
    with torch.no_grad():
        for src, i, img, lab in refs:
            x = T.normalise(img.astype(np.float32) / 255.0)
            samples.append((src, i, ALPHABET[lab], x))
        at_big = T.font_big("@", np.random.default_rng(SEED + 5))
        samples.append(("font render (train.py FONTS, default_rng(%d))" % (SEED + 5), None, "@", T.normalise(at_big)))
        out = []
        for src, i, lab, x in samples:
            logits = model(torch.from_numpy(x[None, None]))[0].numpy()
            out.append({"source": src, "index": i, "label": lab,
                        "input": [round(float(v), 6) for v in x.reshape(-1)],
                        "logits": [round(float(v), 6) for v in logits]})
    with open(OUT_REF, "w") as f:
        json.dump({"alphabet": ALPHABET, "samples": out}, f)
        f.write("\n")
    wall = time.time() - t0
    sha = hashlib.sha256(open(OUT_WEIGHTS, "rb").read()).hexdigest()
    print("history:", json.dumps(history))
    print(json.dumps({"epochs_planned": EPOCHS, "epochs_trained": len(history), "chosen_epoch": best_epoch,
                      "wall_s_this_process": round(wall), **res, "weights_bytes": os.path.getsize(OUT_WEIGHTS),
                      "weights_sha256": sha, "torch": torch.__version__, "numpy": np.__version__}, indent=1))


if __name__ == "__main__":
    main()
