"""digits3's score.py, plus the continental validation and held-back sets (prep_eval4.py): plain and as Swift sees it
(a box Swift would see as empty counts as wrong). Usage: score4.py OUT.json NAME=FILE [NAME=FILE ...]"""
import json, os, sys
import numpy as np
from common4 import T, WORK
import score as S3  # digits3's


def main():
    S3.main()
    with open(sys.argv[1]) as f:
        res = json.load(f)
    for which in ("val", "held"):
        C = dict(np.load(os.path.join(WORK, f"cont_{which}.npz")))
        for name, path in (arg.split("=", 1) for arg in sys.argv[2:]):
            m = T.read_weights(path).eval()
            res[name][f"cont_{which}_plain"] = T.accuracy(m, C["X_plain"], C["y"])
            res[name][f"cont_{which}_aug"] = T.accuracy(m, C["X_aug"], C["y"], C["E_aug"])
    for name in res:
        print(name, {k: v for k, v in res[name].items() if k.startswith("cont_")}, flush=True)
    with open(sys.argv[1], "w") as f:
        json.dump(res, f, indent=1); f.write("\n")


if __name__ == "__main__":
    main()
