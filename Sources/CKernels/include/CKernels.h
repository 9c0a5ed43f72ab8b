#ifndef MAILROOM_CKERNELS_H
#define MAILROOM_CKERNELS_H

/// The box classifier's 3x3 convolution as one matrix product, then ReLU.
///
/// `columns` holds `taps` rows of `stride` pixels (im2col, zero past the edges and past
/// `plane`); `weights_by_tap` holds, tap by tap, `padded_outputs` weights (zero past
/// `outputs`); `bias` holds `padded_outputs` values. Writes `outputs` maps of `plane` pixels
/// to `out`: out[o * plane + p] = max(0, bias[o] + sum over taps, in order, of w * column).
/// `stride` must be a multiple of MAILROOM_CONV_LANES and `padded_outputs` of
/// MAILROOM_CONV_GROUP. Each sum is a multiply then an add, tap by tap, never fused: the
/// same float results on every processor.
void mailroom_convolution(const float *columns, int taps, int stride, int plane,
                          const float *weights_by_tap, const float *bias, int padded_outputs, int outputs,
                          float *out);

/// The box classifier's fully connected layer: out[o] = bias[o] + the dot product of row `o`
/// of `weights` (`outputs` rows of `width`) with `input`. Sixteen lanes of partial sums, added
/// up lane by lane, then the tail: the same floats as the Swift loop it replaces.
void mailroom_dense(const float *weights, const float *input, int width, const float *bias, int outputs, float *out);

#define MAILROOM_CONV_LANES 16
#define MAILROOM_CONV_GROUP 8

#endif
