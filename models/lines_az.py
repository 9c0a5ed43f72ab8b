"""Field-line texts and free-writing lines for the A-Z hand-print model (models/train --model handprint).

Texts are made up from syllables, random letters and simple patterns, never from the name/street/town
pools of samples/generate, so the evaluation coupons' words are not learnt by heart.
Free lines are written on a (dropped-out) writing line with variable spacing, like the name, street,
town and e-mail fields of the coupons; comb lines reuse models/train's render_line.
"""
import os

import numpy as np

# HANDPRINT_MIX=email: most lines are name-built e-mail addresses (the e-mail model); =street: most
# are street lines with house numbers in the coupons' shapes; the default 'fields' mix is the one
# every shipped A-Z model before them was trained on, line for line.
MIX = os.environ.get('HANDPRINT_MIX', 'fields')
# HANDPRINT_AT=varied: free lines write the @ in several ways (a real handwritten A/a in a drawn
# ring, a font's @, draw_punct's); the default 'drawn' is draw_punct's alone, as every shipped
# model learnt it. Stop 52's e-mail model learnt that one shape and missed the coupons' @.
AT_STYLES = os.environ.get('HANDPRINT_AT', 'drawn')
# Fonts for the @: the tuning coupons' handwriting fonts (samples/generate's 'samples' profile)
# and DejaVu, never the evaluation profile's fonts.
AT_FONTS = [f for f in ['/usr/share/fonts/truetype/fifthhorseman/dkg.ttf', '/usr/share/fonts/truetype/fifthhorseman/dkgBd.ttf',
                         '/usr/share/fonts/truetype/breip/Breip.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
                         '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf']
            if os.path.exists(f)]

LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
# Italian/Polish-ish letter frequencies (accents folded) for syllable words; random letters add the rest.
CONS = 'BCDFGHJKLMNPRSTVWZ' 
CONS_W = [2, 5, 4, 1, 2, 1, 1, 4, 4, 5, 4, 3, 6, 5, 5, 2, 2, 3]
VOW = 'AEIOUY'
VOW_W = [10, 8, 9, 8, 3, 2]
ONSETS = ['SZ', 'CZ', 'RZ', 'CH', 'SC', 'GL', 'GN', 'ST', 'TR', 'PR', 'BR', 'DR', 'KR', 'GR', 'FR', 'PL', 'KL', 'SK', 'SP', 'W', 'K', 'X', 'Q']
STREET_IT = ['VIA', 'VIALE', 'PIAZZA', 'CORSO', 'LARGO', 'VICOLO', 'STRADA', 'PIAZZALE', 'BORGO', 'CONTRADA']
STREET_PL = ['UL.', 'AL.', 'PL.', 'OS.', 'ULICA', 'ALEJA', 'RYNEK']
STREET_EN = ['STREET', 'ROAD', 'AVENUE', 'LANE', 'DRIVE', 'WAY', 'CLOSE', 'ST', 'RD', 'AVE']
LINKS = ['DI', 'DEL', 'DELLA', 'DEI', 'SAN', 'SANTA', 'DE', 'LA', 'LE', 'NAD', 'POD', 'W', 'I', 'OF', 'THE']
TLDS = ['IT', 'PL', 'COM', 'EU', 'NET', 'ORG', 'DE', 'UK', 'INFO']
# Real consumer mail providers, as customers write them; the evaluation coupons' made-up domains
# (samples/generate) are never used, so the model cannot learn them by heart.
PROVIDERS = ['GMAIL.COM', 'LIBERO.IT', 'VIRGILIO.IT', 'ALICE.IT', 'TISCALI.IT', 'HOTMAIL.COM', 'OUTLOOK.COM',
             'YAHOO.COM', 'YAHOO.IT', 'WP.PL', 'O2.PL', 'ONET.PL', 'INTERIA.PL', 'GAZETA.PL', 'ICLOUD.COM',
             'GMX.NET', 'POCZTA.ONET.PL', 'TIN.IT', 'FASTWEBNET.IT', 'OP.PL']


def _pick(rng, seq, w=None):
    if w is None:
        return seq[int(rng.integers(len(seq)))]
    p = np.asarray(w, float); p /= p.sum()
    return seq[int(rng.choice(len(seq), p=p))]


def word(rng, lo=3, hi=10):
    """A pronounceable made-up word, or (25%) random letters, so every letter is seen in every context."""
    n = int(rng.integers(lo, hi + 1))
    if rng.random() < 0.25:
        return ''.join(_pick(rng, LETTERS) for _ in range(n))
    s = ''
    while len(s) < n:
        if rng.random() < 0.15:
            s += _pick(rng, ONSETS)
        elif rng.random() < 0.9:
            s += _pick(rng, CONS, CONS_W)
        s += _pick(rng, VOW, VOW_W)
        if rng.random() < 0.2:
            s += _pick(rng, CONS, CONS_W)
    return s[:n]


def digits(rng, n):
    return ''.join(str(int(rng.integers(10))) for _ in range(n))


def house_number(rng):
    r = rng.random()
    n = str(int(rng.integers(1, 250)))
    if r < 0.55:
        return n
    if r < 0.7:
        return n + _pick(rng, LETTERS[:8])
    if r < 0.85:
        return n + '/' + str(int(rng.integers(1, 60)))
    if r < 0.93:
        return n + ' M. ' + str(int(rng.integers(1, 80)))
    return n + ', ' + str(int(rng.integers(1, 40)))


def name(rng):
    r = rng.random()
    w = word(rng, 3, 11)
    if r < 0.08:
        return _pick(rng, ['D', 'L', 'DELL', 'O']) + "'" + word(rng, 3, 9)
    if r < 0.18:
        return _pick(rng, ['DE', 'DI', 'LA', 'LO', 'DA', 'DEL', 'VAN']) + ' ' + word(rng, 3, 9)
    if r < 0.28:
        return w + '-' + word(rng, 3, 9)
    if r < 0.40:
        return w + ' ' + word(rng, 3, 9)
    return w


def street(rng):
    r = rng.random()
    body = ' '.join(word(rng, 3, 10) for _ in range(int(rng.integers(1, 3))))
    if rng.random() < 0.2:
        body = _pick(rng, LINKS) + ' ' + body
    if r < 0.45:
        return _pick(rng, STREET_IT) + ' ' + body + ' ' + house_number(rng)
    if r < 0.8:
        return _pick(rng, STREET_PL) + ' ' + body + ' ' + house_number(rng)
    if r < 0.9:
        return house_number(rng) + ' ' + body + ' ' + _pick(rng, STREET_EN)
    return _pick(rng, STREET_IT + STREET_PL) + ' ' + body + ', ' + house_number(rng)


def town(rng):
    r = rng.random()
    if r < 0.65:
        return word(rng, 4, 12)
    if r < 0.85:
        return word(rng, 3, 9) + ' ' + _pick(rng, LINKS + ['']) .strip() + (' ' if rng.random() < 0.7 else '') + word(rng, 3, 9)
    return word(rng, 4, 9) + '-' + word(rng, 4, 9)


def email(rng):
    local = word(rng, 2, 9)
    if rng.random() < 0.6:
        local += _pick(rng, ['.', '_', '-', '.']) + word(rng, 2, 9)
    if rng.random() < 0.3:
        local += digits(rng, int(rng.integers(1, 5)))
    dom = word(rng, 3, 9)
    if rng.random() < 0.3:
        dom = word(rng, 3, 7) + '.' + dom
    return local + '@' + dom + '.' + _pick(rng, TLDS)


def email_named(rng):
    """An address built from a made-up first name and surname, the way customers build theirs:
    `first.last`, `f.last`, `last.first85`, `firstlast`, `first_last7`, with digits closing it in
    about half, then a provider's or a made-up domain."""
    first, last = word(rng, 3, 9), word(rng, 4, 12)
    number = digits(rng, int(rng.choice([1, 2, 2, 4]))) if rng.random() < 0.55 else ''
    local = _pick(rng, [first + '.' + last, first[0] + '.' + last, last + '.' + first, first + last,
                        first + '_' + last, last + '_' + first, first[0] + last, first + '-' + last],
                  [5, 2, 3, 3, 3, 1, 1, 1]) + number
    r = rng.random()
    if r < 0.35:
        domain = _pick(rng, PROVIDERS)
    elif r < 0.75:
        domain = word(rng, 3, 9) + '.' + _pick(rng, TLDS)
    else:
        domain = word(rng, 3, 8) + '.' + word(rng, 3, 9) + '.' + _pick(rng, TLDS)
    return local + '@' + domain


def street_line(rng):
    """A coupon's street line: an Italian or Polish street type, one to three made-up words (a
    link word in some), and a house number in the shapes flats and buildings take: `98`, `14B`,
    `12/4`, `46/C`, `7 M. 12`, `3, 5`."""
    words = [word(rng, 3, 11) for _ in range(int(rng.choice([1, 1, 2, 2, 3])))]
    if rng.random() < 0.25:
        words.insert(int(rng.integers(len(words))), _pick(rng, LINKS))
    kind = _pick(rng, STREET_IT + STREET_PL)
    n = str(int(rng.integers(1, 10))) if rng.random() < 0.3 else str(int(rng.integers(10, 260)))
    r = rng.random()
    if r < 0.5:
        number = n
    elif r < 0.65:
        number = n + _pick(rng, LETTERS[:8])
    elif r < 0.8:
        number = n + '/' + str(int(rng.integers(1, 80)))
    elif r < 0.9:
        number = n + '/' + _pick(rng, LETTERS[:6])
    elif r < 0.95:
        number = n + ' M. ' + str(int(rng.integers(1, 80)))
    else:
        number = n + ', ' + str(int(rng.integers(1, 40)))
    return kind + ' ' + ' '.join(words) + (', ' if rng.random() < 0.1 else ' ') + number


def make_text(rng):
    """One line for the mix `MIX` names: `email` lines are mostly name-built addresses, `street`
    lines mostly street lines."""
    if MIX == 'email' and rng.random() < 0.6:
        return email_named(rng)[:42]
    if MIX == 'street' and rng.random() < 0.6:
        return ' '.join(street_line(rng).split())[:34].strip()
    return make_field_text(rng)


def make_field_text(rng):
    """One field line: names, streets with numbers, towns, e-mails, postcodes, card/phone numbers, mixes."""
    r = rng.random()
    if r < 0.22:
        t = name(rng)
    elif r < 0.42:
        t = street(rng)
    elif r < 0.56:
        t = town(rng)
    elif r < 0.68:
        t = email(rng)
    elif r < 0.73:
        t = digits(rng, 2) + '-' + digits(rng, 3)                              # PL postcode
    elif r < 0.77:
        t = digits(rng, 5)                                                     # IT postcode
    elif r < 0.81:
        t = digits(rng, int(rng.integers(9, 17)))                              # card / phone
    elif r < 0.84:
        t = digits(rng, 2) + _pick(rng, ['.', '/', '-']) + digits(rng, 2) + _pick(rng, ['.', '/', '-']) + digits(rng, 4)
    elif r < 0.90:                                                             # postcode + town
        t = (digits(rng, 2) + '-' + digits(rng, 3) if rng.random() < 0.5 else digits(rng, 5)) + ' ' + town(rng)
    else:                                                                      # anything goes
        pool = LETTERS + LETTERS + '0123456789' + "@.-_/,'"
        t = ''.join(_pick(rng, pool) for _ in range(int(rng.integers(3, 16))))
        t = t.strip() or 'X'
    t = ' '.join(t.split())
    return t[:34].strip()


def draw_punct(ch, bh, cw, rng):
    """Hand-drawn punctuation for `ch` in a cell of cw x bh px: float ink in [0,1]."""
    from PIL import Image, ImageDraw
    S = 4
    w, h = max(1, int(cw * S)), max(1, int(bh * S))
    im = Image.new('L', (w, h), 0)
    dr = ImageDraw.Draw(im)
    t = max(1.6, bh * rng.uniform(0.04, 0.09)) * S
    j = lambda s: rng.uniform(-s, s)
    if ch == ',':
        r = t * 0.7
        cx, cy = w * rng.uniform(0.35, 0.6), h * rng.uniform(0.72, 0.84)
        dr.ellipse([cx - r, cy - r, cx + r, cy + r], fill=255)
        dr.line([(cx + r * 0.5, cy), (cx - w * rng.uniform(0.05, 0.2), cy + h * rng.uniform(0.12, 0.2))],
                fill=255, width=int(t * 0.8))
    elif ch == "'":
        cx, y0 = w * rng.uniform(0.4, 0.6), h * rng.uniform(0.1, 0.22)
        dr.line([(cx + j(w * 0.05), y0), (cx - w * rng.uniform(0.0, 0.12), y0 + h * rng.uniform(0.15, 0.28))],
                fill=255, width=int(t))
    elif ch == '/':
        dr.line([(w * rng.uniform(0.55, 0.9), h * rng.uniform(0.12, 0.28)),
                 (w * rng.uniform(0.1, 0.45), h * rng.uniform(0.78, 0.92))], fill=255, width=int(t))
    elif ch == '_':
        y = h * rng.uniform(0.84, 0.95)
        dr.line([(w * rng.uniform(0.02, 0.15), y + j(h * 0.02)), (w * rng.uniform(0.85, 0.98), y + j(h * 0.02))],
                fill=255, width=int(t))
    elif ch == '@':
        m = min(w, h)
        R = m * rng.uniform(0.36, 0.46)
        cx, cy = w / 2 + j(w * 0.05), h * rng.uniform(0.48, 0.56)
        r = R * rng.uniform(0.35, 0.5)
        dr.ellipse([cx - r, cy - r, cx + r, cy + r], outline=255, width=int(t * 0.8))
        dr.line([(cx + r, cy - r), (cx + r, cy + r * 1.1)], fill=255, width=int(t * 0.8))
        start = rng.uniform(-10, 30)
        dr.arc([cx - R, cy - R, cx + R, cy + R], start=start, end=start + rng.uniform(290, 340), fill=255,
               width=int(t * 0.8))
        dr.line([(cx + r, cy + r * 1.1), (cx + R * 0.85, cy + R * 0.2)], fill=255, width=int(t * 0.7))
    im = im.resize((max(1, int(cw)), max(1, int(bh))), Image.LANCZOS)
    return np.asarray(im, dtype=np.float32) / 255.0


def ringed_at(inner, cap, rng):
    """An @ as many write it: `inner` (float ink of a real handwritten A or a) in a hand-drawn
    open ring. Returns float ink, cap px tall."""
    from PIL import Image, ImageDraw
    S = 4
    W, H = max(6, int(cap * rng.uniform(0.95, 1.25))), max(6, int(cap))
    im = Image.new('L', (W * S, H * S), 0)
    t = max(1.6, cap * rng.uniform(0.04, 0.09)) * S
    cx, cy = W * S / 2 + rng.uniform(-0.04, 0.04) * W * S, H * S * rng.uniform(0.46, 0.56)
    rx, ry = W * S * rng.uniform(0.40, 0.48), H * S * rng.uniform(0.40, 0.48)
    start = rng.uniform(-40, 40)
    ImageDraw.Draw(im).arc([cx - rx, cy - ry, cx + rx, cy + ry], start=start, end=start + rng.uniform(240, 340),
                           fill=255, width=int(t))
    ink = np.asarray(im.resize((W, H), Image.LANCZOS), dtype=np.float32) / 255.0
    ih, iw = inner.shape
    y0, x0 = int(round(cy / S - ih / 2)), int(round(cx / S - iw / 2))
    ys0, xs0, ys1, xs1 = max(0, y0), max(0, x0), min(H, y0 + ih), min(W, x0 + iw)
    if ys1 > ys0 and xs1 > xs0:
        ink[ys0:ys1, xs0:xs1] = np.maximum(ink[ys0:ys1, xs0:xs1], inner[ys0 - y0:ys1 - y0, xs0 - x0:xs1 - x0])
    return ink


def font_at(cap, rng):
    """A font's @ (AT_FONTS), slightly turned, cap px tall with its foot near the baseline; None
    when no such font is installed."""
    from PIL import Image, ImageDraw, ImageFont
    if not AT_FONTS:
        return None
    size = max(8, int(cap * 1.4))
    im = Image.new('L', (size * 2, size * 2), 0)
    ImageDraw.Draw(im).text((size // 2, size // 2), '@', font=ImageFont.truetype(_pick(rng, AT_FONTS), size), fill=255)
    a = np.asarray(im.rotate(rng.uniform(-8, 8), resample=Image.BILINEAR), dtype=np.float32) / 255.0
    ys, xs = np.nonzero(a > 0.05)
    if not len(ys):
        return None
    crop = a[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    h = max(4, int(cap * rng.uniform(0.7, 0.95)))
    w = max(4, int(crop.shape[1] * h / crop.shape[0] * rng.uniform(0.9, 1.1)))
    g = np.asarray(Image.fromarray((crop * 255).astype(np.uint8)).resize((w, h), Image.LANCZOS), dtype=np.float32) / 255.0
    H = max(h, int(cap))
    ink = np.zeros((H, w + 2), np.float32)
    top = max(0, min(H - h, int(H * rng.uniform(0.92, 1.0)) - h))
    ink[top:top + h, 1:w + 1] = g
    return ink


def punct_width(ch, cap, rng):
    return cap * {'@': rng.uniform(0.9, 1.2), '_': rng.uniform(0.6, 1.0), '/': rng.uniform(0.45, 0.7),
                  '-': rng.uniform(0.4, 0.7)}.get(ch, rng.uniform(0.25, 0.4))


def render_free_line(text, pool, imgs, rng, render_glyph, render_separator, style):
    """A free field: the text written along a line, with word gaps, baseline drift, size jitter,
    and sometimes the faint remains of a dropped-out writing line. Returns a PIL 'L' image."""
    import io
    from PIL import Image
    from scipy.ndimage import gaussian_filter
    cap = float(rng.uniform(20, 44))                  # cap height in px
    H = int(cap / rng.uniform(0.38, 0.75))            # line image height: the zone read plus its margins
    st = style(rng)
    st['frac'] = 1.0                                  # render_glyph scales to bh * frac
    spacing = rng.uniform(0.95, 1.2)
    word_gap = rng.uniform(0.35, 0.75)
    drift = rng.normal(0, 0.12) * cap / max(1, len(text))
    base = min(H - 3 - abs(drift) * len(text), max(cap + 3 + abs(drift) * len(text), H * rng.uniform(0.42, 0.58) + cap / 2))
    pieces, x = [], int(rng.integers(4, 4 + int(cap)))
    for k, ch in enumerate(text):
        if ch == ' ':
            x += int(cap * word_gap * spacing)
            continue
        c = cap * (1 + rng.normal(0, 0.05))
        if ch.isalnum():
            idx = pool[ch][int(rng.integers(len(pool[ch])))]
            g = render_glyph(imgs[ch][idx], c, c, rng, st)
        elif ch in '-.':
            cw = punct_width(ch, c, rng)
            g = render_separator(ch, c, cw, rng)
        elif ch == '@' and AT_STYLES == 'varied' and rng.random() < 0.65:
            g = None
            if rng.random() < 0.55:
                letter = pool['A'][int(rng.integers(len(pool['A'])))]
                g = ringed_at(render_glyph(imgs['A'][letter], c * rng.uniform(0.5, 0.65), c, rng, st), c, rng)
            else:
                g = font_at(c, rng)
            if g is None:
                g = draw_punct(ch, c, punct_width(ch, c, rng), rng)
        else:
            cw = punct_width(ch, c, rng)
            g = draw_punct(ch, c, cw, rng)
        if ch.isalnum():
            y0 = base - g.shape[0] + rng.normal(0, 0.04) * c + k * drift
        else:
            y0 = base - c + k * drift
        pieces.append((int(round(x)), int(round(y0)), g))
        x += g.shape[1] * spacing + rng.normal(0.12, 0.05) * c
        if ch in ".,'" or not ch.isalnum():
            x += cap * 0.05
    W = int(x + rng.integers(4, 4 + int(cap)))
    ink = np.zeros((H, W), np.float32)
    for (x0, y0, g) in pieces:
        ys0, xs0 = max(0, y0), max(0, x0)
        ys1, xs1 = min(H, y0 + g.shape[0]), min(W, x0 + g.shape[1])
        if ys1 > ys0 and xs1 > xs0:
            ink[ys0:ys1, xs0:xs1] = np.maximum(ink[ys0:ys1, xs0:xs1], g[ys0 - y0:ys1 - y0, xs0 - x0:xs1 - x0])
    # Tesseract cuts a line to its ink (plus a few pixels) before recognition, but trains on the
    # whole image given in the box file: crop to the ink with small margins, as the digit lines are.
    ys, xs = np.nonzero(ink > 0.05)
    if len(ys):
        t0 = max(0, ys.min() - int(rng.integers(2, 9)))
        t1 = min(H, ys.max() + 1 + int(rng.integers(2, 9)))
        l0 = max(0, xs.min() - int(rng.integers(2, 15)))
        l1 = min(W, xs.max() + 1 + int(rng.integers(2, 15)))
        ink = ink[t0:t1, l0:l1]
        base -= t0
        H, W = ink.shape
    paper = rng.uniform(0.82, 1.0)
    img = np.full((H, W), paper, np.float32)
    img += np.linspace(0, rng.uniform(-0.06, 0.06), W)[None, :]
    if rng.random() < 0.3:                            # remains of the dropped-out writing line / zone box
        lv, t = rng.uniform(0.04, 0.25), int(rng.integers(1, 3))
        yb = int(max(0, min(H - t, base + rng.uniform(0.0, 0.25) * cap)))
        img[yb:yb + t, :] -= lv
        if rng.random() < 0.3:
            yt = int(max(0, base - cap - rng.uniform(0.2, 0.5) * cap))
            img[yt:yt + t, :] -= lv
    return finish_line(img, ink, rng, W, H)


def finish_line(img, ink, rng, W, H):
    """Ink on the paper `img` (both W x H, 0-1), then the scan: blur, noise, low resolution, JPEG.
    Shared by the glyph lines and the font lines, so both go through the same scanner."""
    import io
    from PIL import Image
    from scipy.ndimage import gaussian_filter
    img = img - rng.uniform(0.6, 0.95) * ink
    if rng.random() < 0.5:
        img = gaussian_filter(img, rng.uniform(0.3, 1.0))
    img += rng.normal(0, rng.uniform(0, 0.045), img.shape)
    im = Image.fromarray(np.clip(img * 255, 0, 255).astype(np.uint8))
    if rng.random() < 0.2:
        f = rng.uniform(0.55, 0.8)
        im = im.resize((max(8, int(W * f)), max(8, int(H * f))), Image.BILINEAR).resize((W, H), Image.BILINEAR)
    if rng.random() < 0.4:
        buf = io.BytesIO()
        im.save(buf, 'JPEG', quality=int(rng.integers(35, 91)))
        im = Image.open(io.BytesIO(buf.getvalue())).convert('L')
    return im


# HANDPRINT_FONTS=<share>: that share of the training and eval lines (never the TEST lines) is written
# in a handwriting font, one font per line, as the coupons write their hand-font fields. Only fonts
# the evaluation coupons do not use (samples/generate's 'eval' profile: femkeklaver, Comic Neue,
# Humor Sans, SteveHand, Delphine, BecauseWeBuild/Learn/Organize) may stand here. Families are
# picked evenly, then a style within the family. Debian packages: fonts-dkg-handwriting,
# fonts-breip, fonts-bwht, fonts-klee, fonts-seto, fonts-rufscript, fonts-cabinsketch,
# fonts-yusei-magic, fonts-yozvox-yozfont.
FONT_SHARE = float(os.environ.get('HANDPRINT_FONTS', '0') or 0)
_FF = [
    ['/usr/share/fonts/truetype/fifthhorseman/dkg.ttf', '/usr/share/fonts/truetype/fifthhorseman/dkgBd.ttf',
     '/usr/share/fonts/truetype/fifthhorseman/dkgIt.ttf', '/usr/share/fonts/truetype/fifthhorseman/dkgBI.ttf'],
    ['/usr/share/fonts/truetype/breip/Breip.ttf', '/usr/share/fonts/truetype/breip/breipfont.ttf'],
    ['/usr/share/fonts/opentype/bwht/BecauseWeConnect-Regular.otf', '/usr/share/fonts/opentype/bwht/BecauseWeCreate-Regular.otf',
     '/usr/share/fonts/opentype/bwht/BecauseWeMentor-Regular.otf'],
    ['/usr/share/fonts/truetype/klee/KleeOne-Regular.ttf', '/usr/share/fonts/truetype/klee/KleeOne-SemiBold.ttf'],
    ['/usr/share/fonts/truetype/seto/setofont.ttf'],
    ['/usr/share/fonts/truetype/rufscript/Rufscript010.ttf'],
    ['/usr/share/fonts/truetype/cabinsketch/CabinSketch-Regular.ttf', '/usr/share/fonts/truetype/cabinsketch/CabinSketch-Bold.ttf'],
    ['/usr/share/fonts/truetype/yusei-magic/YuseiMagic-Regular.ttf'],
    ['/usr/share/fonts/truetype/yozvox-yozfont/YOzRS_.ttf', '/usr/share/fonts/truetype/yozvox-yozfont/YOzBS_.ttf'],
]
_FORBIDDEN = ('femkeklaver', 'comic', 'humor', 'sjfonts', 'stevehand', 'delphine', 'becausewebuild',
              'becausewelearn', 'becausweorganize', 'becauseweorganize')
FONT_FAMILIES = [[p for p in fam if os.path.exists(p)] for fam in _FF]
FONT_FAMILIES = [fam for fam in FONT_FAMILIES if fam]
assert not any(any(b in p.lower() for b in _FORBIDDEN) for fam in FONT_FAMILIES for p in fam), 'an evaluation font'
_OUTLINE = ('CabinSketch',)          # sketchy outline fonts: never emboldened (as samples/generate does)
_fcache, _capcache = {}, {}


def _font(path, size):
    from PIL import ImageFont
    k = (path, size)
    if k not in _fcache:
        if len(_fcache) > 4000:
            _fcache.clear()
        _fcache[k] = ImageFont.truetype(path, size)
    return _fcache[k]


def _cap_ratio(path):
    """Cap height (of H) per pixel of font size."""
    if path not in _capcache:
        b = _font(path, 200).getbbox('H', anchor='ls')
        _capcache[path] = max(0.3, (b[3] - b[1]) / 200.0)
    return _capcache[path]


def font_case(text, rng):
    """Upper or lower case as the coupons write it: e-mails 85% upper, 15% lower (samples/generate);
    other fields mostly upper, some lower or title case. The label stays upper case (the model's set)."""
    r = rng.random()
    if '@' in text:
        return text.lower() if r < 0.2 else text
    if r < 0.1:
        return text.lower()
    if r < 0.2:
        return ' '.join(w[:1] + w[1:].lower() for w in text.split(' '))
    return text


def render_font_line(text, rng):
    """`text` written in one handwriting font (FONT_FAMILIES) the way samples/generate's Writer.free
    writes a field: per-writer weight, slant, size and jitter; then the same paper, writing-line
    remains, ink, blur, noise, low-res and JPEG as render_free_line. Returns a PIL 'L' image."""
    import io
    from PIL import Image, ImageDraw
    from scipy.ndimage import gaussian_filter
    fam = FONT_FAMILIES[int(rng.integers(len(FONT_FAMILIES)))]
    path = fam[int(rng.integers(len(fam)))]
    outline = any(o in path for o in _OUTLINE)
    shown = font_case(text, rng)
    cap = float(rng.uniform(20, 44))
    H = int(cap / rng.uniform(0.38, 0.75))
    weight = rng.uniform(0.0, 1.6)
    slant = rng.uniform(-4, 4) if rng.random() < 0.7 else rng.uniform(-12, 12)
    shear = rng.uniform(-0.22, 0.22) if rng.random() < 0.35 else 0.0
    jit_rot, jit_size, jit_pos = rng.uniform(1.5, 5), rng.uniform(0.04, 0.12), rng.uniform(0.03, 0.09)
    spacing = rng.uniform(0.95, 1.2)
    word_gap = rng.uniform(0.45, 0.75)
    drift = rng.normal(0, 0.12) * cap / max(1, len(text))
    base = min(H - 3 - abs(drift) * len(text), max(cap + 3 + abs(drift) * len(text), H * rng.uniform(0.42, 0.58) + cap / 2))
    pieces, x = [], float(rng.integers(4, 4 + int(cap)))
    for k, ch in enumerate(shown):
        if ch == ' ':
            x += cap * word_gap * spacing
            continue
        c = cap * (1 + rng.normal(0, jit_size * 0.6))
        size = max(6, int(round(c / _cap_ratio(path))))
        f = _font(path, size)
        sw = 0 if outline else int(round(weight * c / 40.0))
        pad = int(size * 0.8) + 4
        adv = f.getlength(ch)
        w, h = int(adv + 2 * pad + size * 0.3), int(size * 1.5 + 2 * pad)
        im = Image.new('L', (w, h), 0)
        ax, by = pad, pad + int(size * 1.05)
        ImageDraw.Draw(im).text((ax, by), ch, font=f, fill=255, anchor='ls', stroke_width=sw, stroke_fill=255)
        if shear:
            im = im.transform(im.size, Image.AFFINE, (1, shear, -shear * by, 0, 1, 0), resample=Image.BILINEAR)
        ang = slant + rng.normal(0, jit_rot * 0.6)
        if abs(ang) > 0.05:
            im = im.rotate(ang, resample=Image.BILINEAR)
        g = np.asarray(im, dtype=np.float32) / 255.0
        yy = base + k * drift + rng.normal(0, jit_pos * 0.5) * cap
        pieces.append((int(round(x - ax)), int(round(yy - by)), g))
        x += (adv + sw) * spacing + rng.normal(0, 0.04) * cap
    W = int(x + rng.integers(4, 4 + int(cap)))
    top = min(0, min(p[1] for p in pieces)) if pieces else 0
    Hh = max(H, max(p[1] + p[2].shape[0] for p in pieces) if pieces else H) - top
    ink = np.zeros((Hh, W + 4 * int(cap)), np.float32)
    for (x0, y0, g) in pieces:
        y0 -= top
        ys0, xs0 = max(0, y0), max(0, x0)
        ys1, xs1 = min(ink.shape[0], y0 + g.shape[0]), min(ink.shape[1], x0 + g.shape[1])
        if ys1 > ys0 and xs1 > xs0:
            ink[ys0:ys1, xs0:xs1] = np.maximum(ink[ys0:ys1, xs0:xs1], g[ys0 - y0:ys1 - y0, xs0 - x0:xs1 - x0])
    base -= top
    ys, xs = np.nonzero(ink > 0.05)
    if len(ys):
        t0 = max(0, ys.min() - int(rng.integers(2, 9)))
        t1 = min(ink.shape[0], ys.max() + 1 + int(rng.integers(2, 9)))
        l0 = max(0, xs.min() - int(rng.integers(2, 15)))
        l1 = min(ink.shape[1], xs.max() + 1 + int(rng.integers(2, 15)))
        ink = ink[t0:t1, l0:l1]
        base -= t0
    H, W = ink.shape
    paper = rng.uniform(0.82, 1.0)
    img = np.full((H, W), paper, np.float32)
    img += np.linspace(0, rng.uniform(-0.06, 0.06), W)[None, :]
    r = rng.random()
    if r < 0.3:                                       # remains of the dropped-out writing line / zone box
        lv, t = rng.uniform(0.04, 0.25), int(rng.integers(1, 3))
        yb = int(max(0, min(H - t, base + rng.uniform(0.0, 0.25) * cap)))
        img[yb:yb + t, :] -= lv
        if rng.random() < 0.3:
            yt = int(max(0, base - cap - rng.uniform(0.2, 0.5) * cap))
            img[yt:yt + t, :] -= lv
    elif r < 0.4:                                     # a box edge crossing the writing
        lv, t = rng.uniform(0.04, 0.3), int(rng.integers(1, 3))
        if rng.random() < 0.5:
            yb = int(rng.integers(0, max(1, H - t)))
            img[yb:yb + t, :] -= lv
        else:
            xv = int(rng.integers(0, max(1, W - t)))
            img[:, xv:xv + t] -= lv
    return finish_line(img, ink, rng, W, H)
