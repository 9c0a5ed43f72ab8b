"""Shared setup for the digits3 scripts: imports models/boxnet/train.py unchanged (its augmentation, simulation,
network, writer) and ../boxnet3.py (the worker loop, pool, training loop and numpy scorer shared with chars3), and
loads the MNIST training file."""
import gzip, hashlib, os, sys
import numpy as np
PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # models/boxnet
BOXNET_DIR = os.environ.get("BOXNET_DIR", PARENT)
sys.path.insert(0, PARENT)  # boxnet3.py
sys.path.insert(0, BOXNET_DIR)  # train.py (BOXNET_DIR first)
os.environ.setdefault("BOXNET_WIDTHS", "32,64,256")  # read by train.py at import (BoxNet widths)
WORK = os.environ.get("BOXNET_WORK", "/tmp/boxnet-digits3")
import train as T  # noqa  (unchanged: normalise, as_swift_sees_it, prepare, prepare_fonts, BoxNet, write_weights, ...)
import boxnet3 as B3  # noqa

SEED = T.SEED


def load():
    raw = gzip.open(os.path.join(T.DATA, "digits-train.u8.gz")).read()
    assert hashlib.sha256(raw).hexdigest() == "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757"
    imgs = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 28, 28)
    labels = np.array([int(s) for s in open(os.path.join(T.DATA, "digits-train.labels.txt")).read().split("\n")[:-1]],
                      dtype=np.int64)
    assert len(imgs) == len(labels) == 60000
    return imgs, labels


def macs(c1, c2, h):
    return B3.macs(c1, c2, h, 10)


SHIPPED_MACS = macs(32, 64, 192)
