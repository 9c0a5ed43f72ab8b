"""Score .boxnet files (BOXNET02) on train_chars.py's validation and held-back sets (cached by prep_eval.py with the
same seeds/code). Also checks a float64 numpy forward pass read straight from the file against torch."""
import json, sys, os
import numpy as np, torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train_chars3 as M  # noqa  (needs BOXNET_TRAIN_END set; value unused here)
WORK = M.WORK

def np_forward(path, X):
    b = open(path, "rb").read(); off = 8; n = int.from_bytes(b[off:off+4], "little"); off += 4 + n
    cnt = int.from_bytes(b[off:off+4], "little"); off += 4; ts = []
    for _ in range(cnt):
        nd = int.from_bytes(b[off:off+4], "little"); off += 4
        dims = tuple(int.from_bytes(b[off+4*i:off+4*i+4], "little") for i in range(nd)); off += 4*nd
        sz = int(np.prod(dims)); ts.append(np.frombuffer(b, "<f4", sz, off).reshape(dims).astype(np.float64)); off += 4*sz
    w1, b1, w2, b2, f1, fb1, f2, fb2 = ts
    def conv(x, w, bb):  # x [N,C,28,28]
        N, C, H, W_ = x.shape; xp = np.pad(x, ((0,0),(0,0),(1,1),(1,1)))
        out = np.zeros((N, w.shape[0], H, W_))
        for dy in range(3):
            for dx in range(3):
                out += np.einsum("nchw,oc->nohw", xp[:, :, dy:dy+H, dx:dx+W_], w[:, :, dy, dx])
        return out + bb[None, :, None, None]
    pool = lambda x: x.reshape(x.shape[0], x.shape[1], x.shape[2]//2, 2, x.shape[3]//2, 2).max(axis=(3, 5))
    x = pool(np.maximum(conv(X[:, None].astype(np.float64), w1, b1), 0))
    x = pool(np.maximum(conv(x, w2, b2), 0))
    x = np.maximum(x.reshape(len(x), -1) @ f1.T + fb1, 0)
    return x @ f2.T + fb2

for path in sys.argv[1:]:
    TC = M.TC
    model = M.model_from_file(path).eval()
    H = dict(np.load(os.path.join(WORK, "held_sets.npz"))); V = dict(np.load(os.path.join(WORK, "val_sets.npz")))
    h = M.held_scores(model, H); v = M.val_scores(model, V)
    c1, c2, hid = model.conv1.out_channels, model.conv2.out_channels, model.fc1.out_features
    X = H["Xhl_a"][:200]
    with torch.no_grad():
        tl = model(torch.from_numpy(X[:, None])).numpy()
    d = float(np.abs(np_forward(path, X) - tl).max())
    print(json.dumps({"file": path, "bytes": os.path.getsize(path), "widths": [c1, c2, hid], "macs": M.macs(c1, c2, hid),
                      "held": h, "val": {k: round(x, 4) for k, x in v.items()},
                      "numpy_vs_torch_max_abs_logit_diff": d}, indent=1))
