import CKernels

/// A 3×3 convolution with zero padding and ReLU, as PyTorch's `Conv2d(padding=1)` then `relu`.
///
/// The classifier runs on every candidate character of every free line, so this is the
/// hottest loop Mailroom owns. The convolution is one matrix product: every 3×3
/// neighbourhood is first laid out as a column (im2col), then `mailroom_convolution` (C, in
/// `CKernels`) accumulates eight output maps over sixteen pixels at a time in registers. It is
/// C because Swift code is built for the oldest x86-64 (no AVX): the C compiler builds the
/// loop for AVX-512, AVX2 and plain x86-64 and the processor picks, with the same floats.
struct Convolution: Sendable {
    /// The weights tap by tap, then output by output (`[tap][output]`), so the weights of a
    /// group of outputs at one tap are adjacent; the outputs are padded with zero weights to
    /// a whole number of groups.
    let weightsByTap: [Float]
    /// The bias of each output, padded like the weights.
    let paddedBias: [Float]
    let inputs: Int
    let outputs: Int
    var taps: Int { inputs * 9 }
    var paddedOutputs: Int { paddedBias.count }

    /// `weights` as PyTorch stores them: `[output][input][3][3]`.
    init(weights: [Float], bias: [Float], inputs: Int) {
        let outputs = bias.count, taps = inputs * 9
        let padded = (outputs + Self.group - 1) / Self.group * Self.group
        var byTap = [Float](repeating: 0, count: taps * padded)
        for output in 0..<outputs {
            for tap in 0..<taps { byTap[tap * padded + output] = weights[output * taps + tap] }
        }
        weightsByTap = byTap
        paddedBias = bias + [Float](repeating: 0, count: padded - outputs)
        self.inputs = inputs
        self.outputs = outputs
    }

    /// Pixels accumulated together (one row of registers).
    private static let lanes = Int(MAILROOM_CONV_LANES)
    /// Output maps accumulated together.
    private static let group = Int(MAILROOM_CONV_GROUP)

    func apply(_ input: [Float], side: Int) -> [Float] {
        let plane = side * side
        let stride = (plane + Self.lanes - 1) / Self.lanes * Self.lanes
        let columns = Self.columns(input, inputs: inputs, side: side, stride: stride)
        var out = [Float](repeating: 0, count: outputs * plane)
        columns.withUnsafeBufferPointer { matrix in
            weightsByTap.withUnsafeBufferPointer { kernel in
                paddedBias.withUnsafeBufferPointer { bias in
                    out.withUnsafeMutableBufferPointer { target in
                        mailroom_convolution(matrix.baseAddress, Int32(taps), Int32(stride), Int32(plane), kernel.baseAddress,
                                             bias.baseAddress, Int32(paddedOutputs), Int32(outputs), target.baseAddress)
                    }
                }
            }
        }
        return out
    }

    /// Every 3×3 neighbourhood of `inputs` square maps as one column: row `tap` holds, for
    /// each pixel, the input under that tap (zero past the edge), each row `stride` long.
    static func columns(_ input: [Float], inputs: Int, side: Int, stride: Int) -> [Float] {
        let plane = side * side
        var columns = [Float](repeating: 0, count: inputs * 9 * stride)
        input.withUnsafeBufferPointer { source in
            columns.withUnsafeMutableBufferPointer { target in
                for i in 0..<inputs {
                    for ky in 0..<3 {
                        for kx in 0..<3 {
                            let row = target.baseAddress! + ((i * 3 + ky) * 3 + kx) * stride
                            let dy = ky - 1, dx = kx - 1
                            let x0 = max(0, -dx), x1 = min(side, side - dx)
                            for y in max(0, -dy)..<min(side, side - dy) {
                                let from = source.baseAddress! + i * plane + (y + dy) * side + dx
                                for x in x0..<x1 { row[y * side + x] = from[x] }
                            }
                        }
                    }
                }
            }
        }
        return columns
    }

    /// 2×2 max-pooling with stride 2 of `channels` square maps.
    static func pooled(_ map: [Float], channels: Int, side: Int) -> [Float] {
        let half = side / 2
        var out = [Float](repeating: 0, count: channels * half * half)
        map.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for c in 0..<channels {
                    for y in 0..<half {
                        for x in 0..<half {
                            let base = c * side * side + 2 * y * side + 2 * x
                            target[(c * half + y) * half + x] = max(max(source[base], source[base + 1]),
                                                                    max(source[base + side], source[base + side + 1]))
                        }
                    }
                }
            }
        }
        return out
    }
}

/// A fully connected layer, as PyTorch's `Linear` (weights row by output).
struct Dense: Sendable {
    let weights: [Float]
    let bias: [Float]

    /// Each output's dot product runs sixteen lanes wide in `mailroom_dense` (C, in `CKernels`,
    /// built for AVX-512, AVX2 and plain x86-64 like the convolution), the tail one by one.
    func apply(_ input: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: bias.count)
        weights.withUnsafeBufferPointer { matrix in
            input.withUnsafeBufferPointer { vector in
                bias.withUnsafeBufferPointer { bias in
                    out.withUnsafeMutableBufferPointer { target in
                        mailroom_dense(matrix.baseAddress, vector.baseAddress, Int32(vector.count), bias.baseAddress,
                                       Int32(bias.count), target.baseAddress)
                    }
                }
            }
        }
        return out
    }
}
