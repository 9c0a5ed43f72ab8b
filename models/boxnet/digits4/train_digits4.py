"""handprint-digits.boxnet fine-tuned on continental digits: digits3's trainer (train_digits3.main), started from the
shipped weights (models/handprint-digits.boxnet) at a lower peak rate (BOXNET_LR, default here 5e-4), with
aug_worker4.py's pool (SHARE of the MNIST 1s flagged and of the 7s crossed, continental.py) and the continental
validation set as one more set to choose the epoch on (prep_eval4.py's cont_val.npz; `extra_…` in the log). The
held-back sets, plain and continental (cont_held.npz), are scored once at the end; the shipped model is scored on
them too (run `score4.py`). Outputs go to BOXNET_WORK/out, not over the shipped model.

    BOXNET_TRAIN_END=<unix time> python3 train_digits4.py
"""
import os
from common4 import T, WORK, SHIPPED

os.environ.setdefault("BOXNET_OUTDIR", os.path.join(WORK, "out"))
os.environ.setdefault("BOXNET_LR", "5e-4")
import train_digits3 as D3  # noqa: E402  (reads the two settings above when imported)

if __name__ == "__main__":
    D3.main(start=T.read_weights(SHIPPED), extra=("cont_val.npz", "cont_held.npz"))
