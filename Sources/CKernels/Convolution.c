#include "Targets.h"

MAILROOM_CLONES
void mailroom_convolution(const float *columns, int taps, int stride, int plane,
                          const float *weights_by_tap, const float *bias, int padded_outputs, int outputs,
                          float *out) {
    enum { L = MAILROOM_CONV_LANES, G = MAILROOM_CONV_GROUP };
    for (int first = 0; first < padded_outputs; first += G) {
        for (int block = 0; block < stride; block += L) {
            // G output maps over L pixels, kept in registers across all taps.
            mailroom_lanes sums[G];
            for (int g = 0; g < G; g++) {
                mailroom_lanes start = {0};
                sums[g] = start + bias[first + g];
            }
            for (int tap = 0; tap < taps; tap++) {
                mailroom_lanes pixels;
                __builtin_memcpy(&pixels, columns + (long)tap * stride + block, sizeof pixels);
                const float *w = weights_by_tap + (long)tap * padded_outputs + first;
                for (int g = 0; g < G; g++) sums[g] += w[g] * pixels;
            }
            const int count = plane - block < L ? plane - block : L;
            for (int g = 0; g < G && first + g < outputs; g++) {
                float *target = out + (long)(first + g) * plane + block;
                // As Swift's max(0, x).
                for (int l = 0; l < count; l++) target[l] = sums[g][l] >= 0 ? sums[g][l] : 0;
            }
        }
    }
}
