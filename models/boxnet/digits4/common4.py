"""Shared setup for the digits4 scripts: digits3's setup (train.py and ../boxnet3.py, imported unchanged; the MNIST
training file) with its own work folder, and the continental shapes (continental.py)."""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "digits3"))
os.environ.setdefault("BOXNET_WORK", "/tmp/boxnet-digits4")
from common import T, B3, SEED, WORK, load, macs, SHIPPED_MACS  # noqa  (digits3/common.py)
from continental import continental  # noqa

SHARE = float(os.environ.get("BOXNET_CONTINENTAL", "0.35"))  # of the 1s and of the 7s in the simulated pool
SHIPPED = os.path.join(os.path.dirname(os.path.dirname(HERE)), "handprint-digits.boxnet")
