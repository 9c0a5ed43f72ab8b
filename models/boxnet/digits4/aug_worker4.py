"""digits3/aug_worker.py's chunks, with SHARE of the MNIST 1s flagged and of the 7s crossed (continental.py) before
the comb-box simulation. Chunk k draws from np.random.default_rng([SEED, 9000, k]). Usage as digits3's:
aug_worker4.py START STEP STOP_AT."""
from common4 import B3, WORK, continental, SHARE
import aug_worker as A3  # digits3's


def make_chunk(k):
    return A3.make_chunk(k, stream=9000, shapes=lambda images, labels, rng: continental(images, labels, rng, SHARE))


if __name__ == "__main__":
    B3.run_aug_worker(WORK, A3.load_images, make_chunk)
