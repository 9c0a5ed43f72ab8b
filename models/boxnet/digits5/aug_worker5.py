"""digits3/aug_worker.py's chunks with common5's fonts and font share (FONT_FRAC of each chunk drawn from
TRAIN_FAMILIES). Chunk k draws from np.random.default_rng([SEED, 11000, k]). Usage as digits3's:
aug_worker5.py START STEP STOP_AT."""
from common5 import B3, WORK
import aug_worker as A3  # digits3's


def make_chunk(k):
    return A3.make_chunk(k, stream=11000)


if __name__ == "__main__":
    B3.run_aug_worker(WORK, A3.load_images, make_chunk)
