"""Score .boxnet files (BOXNET02) on train_chars.py's validation and held-back sets (cached by prep_eval.py with the
same seeds/code). Also checks a float64 numpy forward pass read straight from the file against torch."""
import json, sys, os
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train_chars3 as M  # noqa  (needs BOXNET_TRAIN_END set; value unused here)
B3 = M.B3  # ../boxnet3.py: the numpy forward pass (shared with digits3/score.py)
WORK = M.WORK

for path in sys.argv[1:]:
    TC = M.TC
    model = M.model_from_file(path).eval()
    H = dict(np.load(os.path.join(WORK, "held_sets.npz"))); V = dict(np.load(os.path.join(WORK, "val_sets.npz")))
    h = M.held_scores(model, H); v = M.val_scores(model, V)
    c1, c2, hid = model.conv1.out_channels, model.conv2.out_channels, model.fc1.out_features
    d = B3.numpy_vs_torch(path, model, H["Xhl_a"][:200])
    print(json.dumps({"file": path, "bytes": os.path.getsize(path), "widths": [c1, c2, hid], "macs": M.macs(c1, c2, hid),
                      "held": h, "val": {k: round(x, 4) for k, x in v.items()},
                      "numpy_vs_torch_max_abs_logit_diff": d}, indent=1))
