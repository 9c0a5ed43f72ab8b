#include "Targets.h"

MAILROOM_CLONES
void mailroom_dense(const float *weights, const float *input, int width, const float *bias, int outputs, float *out) {
    enum { L = MAILROOM_CONV_LANES };
    const int wide = width / L * L;
    for (int o = 0; o < outputs; o++) {
        const float *row = weights + (long)o * width;
        mailroom_lanes sums = {0};
        for (int i = 0; i < wide; i += L) {
            mailroom_lanes w, x;
            __builtin_memcpy(&w, row + i, sizeof w);
            __builtin_memcpy(&x, input + i, sizeof x);
            sums += w * x;
        }
        // Lane by lane from -0, as Swift's SIMD sum() does.
        float sum = -0.0f;
        for (int lane = 0; lane < L; lane++) sum += sums[lane];
        for (int i = wide; i < width; i++) sum += row[i] * input[i];
        out[o] = bias[o] + sum;
    }
}
