"""Independent float64 numpy forward pass of reference inputs with weights read from a .boxnet file.

No arguments: checks handprint-digits.boxnet (BOXNET01) against reference.json and handprint-chars.boxnet
(BOXNET02, with its alphabet) against reference-chars.json, and their ensemble members (-2) when present. With arguments: `check_ref.py WEIGHTS REFERENCE`."""
import json, struct, sys, numpy as np
import os
here = os.path.dirname(os.path.abspath(__file__))
if len(sys.argv) > 1:
    pairs = [(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "reference.json"))]
else:
    pairs = [(os.path.join(here, "..", "handprint-digits.boxnet"), os.path.join(here, "reference.json")),
             (os.path.join(here, "..", "handprint-chars.boxnet"), os.path.join(here, "reference-chars.json"))]
    # Ensemble members beside them (NAME-2.boxnet with reference-2.json / reference-chars-2.json).
    for member in (os.path.join(here, "..", "handprint-digits-2.boxnet"), os.path.join(here, "..", "handprint-chars-2.boxnet")):
        if os.path.exists(member):
            pairs.append((member, os.path.join(here, "reference-chars-2.json" if "chars" in member else "reference-2.json")))


def read(weights):
    """(tensors, alphabet); BOXNET01 has no alphabet (classes are the digits 0-9)."""
    b = open(weights, "rb").read()
    if b[:8] == b"BOXNET01":
        off, alphabet = 8, "0123456789"
    else:
        assert b[:8] == b"BOXNET02", b[:8]
        n = struct.unpack_from("<I", b, 8)[0]
        alphabet = b[12:12 + n].decode("utf-8")
        off = 12 + n
    count = struct.unpack_from("<I", b, off)[0]
    off += 4
    ts = []
    for _ in range(count):
        nd = struct.unpack_from("<I", b, off)[0]; dims = struct.unpack_from("<%dI" % nd, b, off + 4); off += 4 + 4 * nd
        n = int(np.prod(dims)); ts.append(np.frombuffer(b, "<f4", n, off).reshape(dims).astype(np.float64)); off += 4 * n
    assert off == len(b)
    assert ts[6].shape[0] == len(alphabet), (ts[6].shape, alphabet)
    return ts, alphabet


def conv(x, w, bias):
    C, H, W = x.shape; p = np.pad(x, ((0, 0), (1, 1), (1, 1))); out = np.zeros((w.shape[0], H, W))
    for ky in range(3):
        for kx in range(3):
            out += np.einsum("oc,chw->ohw", w[:, :, ky, kx], p[:, ky:ky + H, kx:kx + W])
    return np.maximum(out + bias[:, None, None], 0)


pool = lambda x: x.reshape(x.shape[0], x.shape[1] // 2, 2, x.shape[2] // 2, 2).max(axis=(2, 4))
failed = False
for weights, reference in pairs:
    ts, alphabet = read(weights)
    print(os.path.basename(weights), "alphabet", alphabet, [t.shape for t in ts])
    worst = 0
    for s in json.load(open(reference))["samples"]:
        x = np.array(s["input"]).reshape(1, 28, 28)
        h = pool(conv(pool(conv(x, ts[0], ts[1])), ts[2], ts[3])).reshape(-1)
        lo = ts[6] @ np.maximum(ts[4] @ h + ts[5], 0) + ts[7]
        worst = max(worst, np.abs(lo - np.array(s["logits"])).max())
        print(s.get("source", ""), s["index"], s["label"], alphabet[int(np.argmax(lo))])
    print("max |diff|", worst)
    failed |= not worst < 1e-4
sys.exit(1 if failed else 0)
