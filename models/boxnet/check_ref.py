"""Independent float64 numpy forward pass of reference.json inputs with weights read from the .boxnet file."""
import json, struct, sys, numpy as np
import os
here = os.path.dirname(os.path.abspath(__file__))
weights = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "handprint-digits.boxnet")
reference = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "reference.json")
b = open(weights, "rb").read(); assert b[:8] == b"BOXNET01"
off, ts = 12, []
for _ in range(struct.unpack_from("<I", b, 8)[0]):
    nd = struct.unpack_from("<I", b, off)[0]; dims = struct.unpack_from("<%dI" % nd, b, off + 4); off += 4 + 4 * nd
    n = int(np.prod(dims)); ts.append(np.frombuffer(b, "<f4", n, off).reshape(dims).astype(np.float64)); off += 4 * n
assert off == len(b)
print([t.shape for t in ts])
def conv(x, w, bias):
    C, H, W = x.shape; p = np.pad(x, ((0, 0), (1, 1), (1, 1))); out = np.zeros((w.shape[0], H, W))
    for ky in range(3):
        for kx in range(3):
            out += np.einsum("oc,chw->ohw", w[:, :, ky, kx], p[:, ky:ky + H, kx:kx + W])
    return np.maximum(out + bias[:, None, None], 0)
pool = lambda x: x.reshape(x.shape[0], x.shape[1] // 2, 2, x.shape[2] // 2, 2).max(axis=(2, 4))
worst = 0
for s in json.load(open(reference))["samples"]:
    x = np.array(s["input"]).reshape(1, 28, 28)
    h = pool(conv(pool(conv(x, ts[0], ts[1])), ts[2], ts[3])).reshape(-1)
    lo = ts[6] @ np.maximum(ts[4] @ h + ts[5], 0) + ts[7]
    worst = max(worst, np.abs(lo - np.array(s["logits"])).max())
    print(s["index"], s["label"], int(np.argmax(lo)))
print("max |diff|", worst)
