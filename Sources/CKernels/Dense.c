#include "CKernels.h"
#include "Targets.h"

typedef float mailroom_dense_lanes __attribute__((vector_size(16 * sizeof(float))));

MAILROOM_CLONES
void mailroom_dense(const float *weights, const float *input, int width, const float *bias, int outputs, float *out) {
    const int wide = width / 16 * 16;
    for (int o = 0; o < outputs; o++) {
        const float *row = weights + (long)o * width;
        mailroom_dense_lanes sums = {0};
        for (int i = 0; i < wide; i += 16) {
            mailroom_dense_lanes w, x;
            __builtin_memcpy(&w, row + i, sizeof w);
            __builtin_memcpy(&x, input + i, sizeof x);
            sums += w * x;
        }
        // Lane by lane from -0, as Swift's SIMD sum() does.
        float sum = -0.0f;
        for (int lane = 0; lane < 16; lane++) sum += sums[lane];
        for (int i = wide; i < width; i++) sum += row[i] * input[i];
        out[o] = bias[o] + sum;
    }
}
