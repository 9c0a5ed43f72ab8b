"""Score BOXNET01 .boxnet files on train.py's sets (prep_eval.py, same seeds/code): training plain, validation
plain / as Swift sees it, font validation plain / as Swift sees it, held back plain / as Swift sees it (a box Swift
would see as empty counts as wrong). Also checks a float64 numpy forward pass read straight from the file against
torch. Usage: score.py OUT.json NAME=FILE [NAME=FILE ...]"""
import json, os, sys
import numpy as np
from common import T, B3, WORK, load, macs, SHIPPED_MACS


def main():
    out_path = sys.argv[1]
    imgs, labels = load()
    V = dict(np.load(os.path.join(WORK, "val_sets.npz"))); H = dict(np.load(os.path.join(WORK, "held_sets.npz")))
    PD = np.load(os.path.join(WORK, "train_plain.npy")); yPD = labels[T.TRAIN.start:T.TRAIN.stop]
    res = {}
    for arg in sys.argv[2:]:
        name, path = arg.split("=", 1)
        m = T.read_weights(path).eval()
        c1, c2, hid = m.conv1.out_channels, m.conv2.out_channels, m.fc1.out_features
        res[name] = {"file": path, "bytes": os.path.getsize(path), "magic": open(path, "rb").read(8).decode(),
                     "widths": [c1, c2, hid], "macs": macs(c1, c2, hid), "macs_vs_shipped": round(macs(c1, c2, hid) / SHIPPED_MACS, 4),
                     "train_plain": T.accuracy(m, PD, yPD),
                     "val_plain": T.accuracy(m, V["Xva_plain"], V["yva"]),
                     "val_aug": T.accuracy(m, V["Xva_aug"], V["yva"], V["Eva_aug"]),
                     "font_val_plain": T.accuracy(m, V["Xfv_plain"], V["yfv_plain"], V["Efv_plain"]),
                     "font_val_aug": T.accuracy(m, V["Xfv"], V["yfv"], V["Efv"]),
                     "held_plain": T.accuracy(m, H["Xhe_plain"], H["yhe"]),
                     "held_aug": T.accuracy(m, H["Xhe_aug"], H["yhe"], H["Ehe_aug"]),
                     "held_aug_wrong": int(((T.predict(m, H["Xhe_aug"]) != H["yhe"]) | H["Ehe_aug"]).sum()),
                     "held_plain_wrong": int((T.predict(m, H["Xhe_plain"]) != H["yhe"]).sum()),
                     "empty_aug": {"val": int(V["Eva_aug"].sum()), "held": int(H["Ehe_aug"].sum()), "font_val": int(V["Efv"].sum())},
                     "numpy_vs_torch_max_abs_logit_diff": B3.numpy_vs_torch(path, m, H["Xhe_aug"][:200])}
        print(json.dumps({name: res[name]}, indent=1), flush=True)
    with open(out_path, "w") as f:
        json.dump(res, f, indent=1); f.write("\n")


if __name__ == "__main__":
    main()


def main_with_extra(prefix, work, T):
    """main(), then each model scored on WORK/{prefix}_val.npz and {prefix}_held.npz too (X_plain, X_aug, E_aug, y:
    plain and as Swift sees it), added to OUT.json as {prefix}_val_plain, ... (digits4's continental sets, digits5's
    unseen fonts)."""
    main()
    with open(sys.argv[1]) as f:
        res = json.load(f)
    for which in ("val", "held"):
        S = dict(np.load(os.path.join(work, f"{prefix}_{which}.npz")))
        for name, path in (arg.split("=", 1) for arg in sys.argv[2:]):
            m = T.read_weights(path).eval()
            res[name][f"{prefix}_{which}_plain"] = T.accuracy(m, S["X_plain"], S["y"])
            res[name][f"{prefix}_{which}_aug"] = T.accuracy(m, S["X_aug"], S["y"], S["E_aug"])
    for name in res:
        print(name, {k: v for k, v in res[name].items() if k.startswith(prefix + "_")}, flush=True)
    with open(sys.argv[1], "w") as f:
        json.dump(res, f, indent=1); f.write("\n")
