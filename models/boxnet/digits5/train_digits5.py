"""handprint-digits.boxnet fine-tuned on digits from many handwriting fonts: digits3's trainer
(train_digits3.main), started from the shipped weights at a lower peak rate (BOXNET_LR, default here 5e-4), with
aug_worker5.py's pool and plain font renders from common5's TRAIN_FAMILIES at FONT_FRAC, and the unseen-font
validation set as one more set to choose the epoch on (`extra_…` in the log). The held-back sets (MNIST writers
50,000-59,999 and the unseen fonts) are scored once at the end. Outputs go to BOXNET_WORK/out.

    BOXNET_TRAIN_END=<unix time> python3 train_digits5.py
"""
import os
from common5 import T, WORK, SHIPPED

os.environ.setdefault("BOXNET_OUTDIR", os.path.join(WORK, "out"))
os.environ.setdefault("BOXNET_LR", "5e-4")
import train_digits3 as D3  # noqa: E402  (reads the two settings above when imported)

if __name__ == "__main__":
    os.makedirs(os.environ["BOXNET_OUTDIR"], exist_ok=True)
    D3.main(start=T.read_weights(SHIPPED), extra=("unseen_val.npz", "unseen_held.npz"))
