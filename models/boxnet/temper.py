"""Divide a .boxnet model's logits by a temperature, folded into its last layer.

    python3 models/boxnet/temper.py WEIGHTS OUT T [REFERENCE_IN REFERENCE_OUT]

fc2's weight and bias are divided by T, so every logit is divided by T and the classes' order is
unchanged: only how sure the probabilities are. The reference file (check_ref.py's inputs with
their PyTorch logits), when given, gets its logits divided by T too. Used for
handprint-chars.boxnet (T = 1.6; models/boxnet/README.md says why)."""
import json
import struct
import sys

import numpy as np


def temper(src, dst, t):
    b = open(src, "rb").read()
    out = bytearray(b[:8])
    off = 8
    if b[:8] == b"BOXNET02":
        n = struct.unpack_from("<I", b, off)[0]
        out += b[off:off + 4 + n]
        off += 4 + n
    else:
        assert b[:8] == b"BOXNET01", b[:8]
    count = struct.unpack_from("<I", b, off)[0]
    out += b[off:off + 4]
    off += 4
    for index in range(count):
        nd = struct.unpack_from("<I", b, off)[0]
        dims = struct.unpack_from("<%dI" % nd, b, off + 4)
        out += b[off:off + 4 + 4 * nd]
        off += 4 + 4 * nd
        size = int(np.prod(dims))
        data = np.frombuffer(b, "<f4", size, off).copy()
        off += 4 * size
        if index >= count - 2:  # fc2.weight, fc2.bias
            data /= t
        out += data.astype("<f4").tobytes()
    assert off == len(b)
    open(dst, "wb").write(out)


def main():
    if len(sys.argv) not in (4, 6):
        sys.exit(__doc__)
    t = float(sys.argv[3])
    temper(sys.argv[1], sys.argv[2], t)
    if len(sys.argv) == 6:
        reference = json.load(open(sys.argv[4]))
        for sample in reference["samples"]:
            sample["logits"] = [round(v / t, 6) for v in sample["logits"]]
        reference["temperature"] = t
        json.dump(reference, open(sys.argv[5], "w"))


if __name__ == "__main__":
    main()
