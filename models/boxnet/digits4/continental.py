"""Continental European digit shapes drawn onto MNIST glyphs.

MNIST was written by American census staff and students: a 1 is mostly a bare stroke and a 7 has no bar. Across
continental Europe (Italy and Poland among them) a 1 is written with a long upstroke at its top, which an
American-trained reader takes for a 7, and a 7 therefore carries a bar across its stem. These functions draw those
strokes onto an MNIST 1 or 7 (28 x 28 uint8, ink bright), in the glyph's own stroke width, so that training sees
both habits. They are drawn from a description of the habit, not from any evaluation glyph.
"""
import numpy as np


def _stroke_width(img: np.ndarray) -> float:
    """The median length of horizontal ink runs: the pen's width in pixels."""
    runs = []
    for row in img > 100:
        n = 0
        for v in row:
            if v:
                n += 1
            elif n:
                runs.append(n); n = 0
        if n:
            runs.append(n)
    return float(np.median(runs)) if runs else 2.0


def _draw_segment(img: np.ndarray, p0, p1, width: float) -> np.ndarray:
    """`img` with an anti-aliased segment from p0 to p1 (x, y) of `width` pixels, ink at full brightness."""
    ys, xs = np.mgrid[0:img.shape[0], 0:img.shape[1]].astype(np.float32)
    (x0, y0), (x1, y1) = p0, p1
    dx, dy = x1 - x0, y1 - y0
    length2 = max(dx * dx + dy * dy, 1e-6)
    t = np.clip(((xs - x0) * dx + (ys - y0) * dy) / length2, 0, 1)
    d = np.hypot(xs - (x0 + t * dx), ys - (y0 + t * dy))
    ink = np.clip(width / 2 + 0.5 - d, 0, 1) * 255
    return np.maximum(img, ink).astype(np.uint8)


def _ink_rows(img):
    rows = np.where((img > 100).any(axis=1))[0]
    return (int(rows[0]), int(rows[-1])) if len(rows) else None


def flag_one(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A 1 with the continental upstroke: from the top of the stem down to the left, 25-50% of the stem's height long,
    30-60 degrees below the horizontal (flatter and longer, it is a 7's bar)."""
    span = _ink_rows(img)
    if span is None:
        return img
    top, bottom = span
    height = bottom - top + 1
    cols = np.where(img[top:top + 2] > 100)[1]
    x_top = float(cols.mean()) if len(cols) else 14.0
    length = rng.uniform(0.25, 0.5) * height
    angle = np.radians(rng.uniform(30, 60))
    end = (max(1.0, x_top - length * np.cos(angle)), top + length * np.sin(angle))
    return _draw_segment(img, (x_top, float(top)), end, _stroke_width(img) * rng.uniform(0.8, 1.1))


def cross_seven(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A 7 with a bar across its stem, 40-60% of the way down, as wide as 30-60% of the glyph's height, tilted a
    little."""
    span = _ink_rows(img)
    if span is None:
        return img
    top, bottom = span
    height = bottom - top + 1
    y = int(round(top + rng.uniform(0.4, 0.6) * height))
    cols = np.where(img[y] > 100)[0]
    if not len(cols):
        return img
    x = float(cols.mean())
    half = rng.uniform(0.15, 0.3) * height
    tilt = np.tan(np.radians(rng.uniform(-8, 8))) * half
    return _draw_segment(img, (x - half, y + tilt), (x + half, y - tilt), _stroke_width(img) * rng.uniform(0.8, 1.1))


def continental(images: np.ndarray, labels: np.ndarray, rng: np.random.Generator, share: float) -> np.ndarray:
    """`images` with `share` of the 1s flagged and `share` of the 7s crossed (copies; the others unchanged)."""
    out = images.copy()
    for i, label in enumerate(labels):
        if label == 1 and rng.random() < share:
            out[i] = flag_one(out[i], rng)
        elif label == 7 and rng.random() < share:
            out[i] = cross_seven(out[i], rng)
    return out
