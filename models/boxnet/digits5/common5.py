"""Shared setup for the digits5 scripts: digits3's setup (train.py and ../boxnet3.py, imported unchanged; the MNIST
training file) with its own work folder, and train.py's font digits drawn from many more handwriting fonts.

train.py renders its font digits from two families (dkg, Breip). On coupons in handwriting fonts none of the
classifiers saw (samples/generate's eval profile) comb digits are read far worse than in those two. Here the fonts are
the handwriting families models/lines_az.py trains the line models with (never an evaluation-profile font), split by
family: TRAIN_FAMILIES render the training digits, UNSEEN_FAMILIES only the `unseen` validation and held-back sets, so
the epoch is chosen on, and the gain reported for, fonts the classifier never saw."""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "digits3"))
os.environ.setdefault("BOXNET_WORK", "/tmp/boxnet-digits5")
from common import T, B3, SEED, WORK, load, macs, SHIPPED_MACS  # noqa  (digits3/common.py)

F = "/usr/share/fonts/"
TRAIN_FAMILIES = [
    [F + "truetype/fifthhorseman/dkg.ttf", F + "truetype/fifthhorseman/dkgBd.ttf",
     F + "truetype/fifthhorseman/dkgIt.ttf", F + "truetype/fifthhorseman/dkgBI.ttf"],
    [F + "truetype/breip/Breip.ttf", F + "truetype/breip/breipfont.ttf"],
    [F + "opentype/bwht/BecauseWeConnect-Regular.otf", F + "opentype/bwht/BecauseWeCreate-Regular.otf",
     F + "opentype/bwht/BecauseWeMentor-Regular.otf"],
    [F + "truetype/klee/KleeOne-Regular.ttf", F + "truetype/klee/KleeOne-SemiBold.ttf"],
    [F + "truetype/seto/setofont.ttf"],
    [F + "truetype/cabinsketch/CabinSketch-Regular.ttf", F + "truetype/cabinsketch/CabinSketch-Bold.ttf"],
    [F + "truetype/yusei-magic/YuseiMagic-Regular.ttf"],
]
UNSEEN_FAMILIES = [
    [F + "truetype/rufscript/Rufscript010.ttf"],
    [F + "truetype/yozvox-yozfont/YOzRS_.ttf", F + "truetype/yozvox-yozfont/YOzBS_.ttf"],
]
FORBIDDEN = ("femkeklaver", "comic", "humor", "sjfonts", "stevehand", "delphine", "becausewebuild",
             "becausewelearn", "becauseweorganize")  # samples/generate's evaluation profile


def flat(families, per_family=12):
    """Each family `per_family` times (its styles in turn): train.font_big picks a path uniformly, so every family
    is drawn as often whatever its number of styles."""
    paths = [fam[i % len(fam)] for fam in families for i in range(per_family)]
    for p in paths:
        assert os.path.exists(p), f"missing font {p} (see models/README: apt-get install fonts-…)"
        assert not any(x in p.lower().replace("-", "") for x in FORBIDDEN), p
    return paths


FONT_FRAC = float(os.environ.get("BOXNET_FONT_FRAC", "0.3"))
T.FONTS = flat(TRAIN_FAMILIES)
T.FONT_FRAC = FONT_FRAC
SHIPPED = os.path.join(os.path.dirname(os.path.dirname(HERE)), "handprint-digits.boxnet")


def with_fonts(paths, fn):
    """fn() with train.font_big drawing from `paths`."""
    saved = T.FONTS
    T.FONTS = paths
    try:
        return fn()
    finally:
        T.FONTS = saved
