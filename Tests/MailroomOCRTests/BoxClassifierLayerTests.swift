import Foundation
@testable import MailroomOCR
import Testing

/// The classifier's layers against plain loops that follow PyTorch's definitions.
@Suite("The box classifier's layers")
struct BoxClassifierLayerTests {
    /// Numbers that look like weights and inputs, the same on every run.
    static func numbers(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int(state >> 40) % 2001 - 1000) / 1000
        }
    }

    /// `Conv2d(padding=1)` then `relu`, written out.
    static func plainConvolution(_ input: [Float], weights: [Float], bias: [Float], inputs: Int, side: Int) -> [Float] {
        var out = [Float](repeating: 0, count: bias.count * side * side)
        for o in bias.indices {
            for y in 0..<side {
                for x in 0..<side {
                    var sum = bias[o]
                    for i in 0..<inputs {
                        for ky in 0..<3 {
                            for kx in 0..<3 {
                                let sy = y + ky - 1, sx = x + kx - 1
                                guard sy >= 0, sy < side, sx >= 0, sx < side else { continue }
                                sum += weights[((o * inputs + i) * 3 + ky) * 3 + kx] * input[(i * side + sy) * side + sx]
                            }
                        }
                    }
                    out[(o * side + y) * side + x] = max(0, sum)
                }
            }
        }
        return out
    }

    @Test("the convolution equals the plain definition float for float, for output counts in and out of groups of eight",
          arguments: [(1, 4, 28), (3, 6, 14), (2, 5, 7), (24, 48, 14), (2, 9, 5)])
    func convolution(inputs: Int, outputs: Int, side: Int) {
        let weights = Self.numbers(outputs * inputs * 9, seed: 1), bias = Self.numbers(outputs, seed: 2)
        let input = Self.numbers(inputs * side * side, seed: 3)
        let fast = Convolution(weights: weights, bias: bias, inputs: inputs).apply(input, side: side)
        let plain = Self.plainConvolution(input, weights: weights, bias: bias, inputs: inputs, side: side)
        // The kernel multiplies then adds, tap by tap in the definition's order, never fused:
        // the same floats exactly, on whichever processor's instructions it runs.
        #expect(fast == plain)
    }

    @Test("the dense layer equals the plain dot products, whatever the width", arguments: [5, 16, 37, 2352])
    func dense(width: Int) {
        let weights = Self.numbers(3 * width, seed: 4), bias = Self.numbers(3, seed: 5), input = Self.numbers(width, seed: 6)
        let fast = Dense(weights: weights, bias: bias).apply(input)
        for o in 0..<3 {
            let plain = bias[o] + (0..<width).reduce(Float(0)) { $0 + weights[o * width + $1] * input[$1] }
            #expect(abs(fast[o] - plain) <= 1e-4 * max(1, abs(plain)))
            // Exactly: sixteen running sums over the row, added up lane by lane from -0, then the tail.
            var lanes = [Float](repeating: 0, count: 16)
            for index in 0..<(width / 16 * 16) { lanes[index % 16] += weights[o * width + index] * input[index] }
            var sum = lanes.reduce(-Float.zero, +)
            for index in (width / 16 * 16)..<width { sum += weights[o * width + index] * input[index] }
            #expect(fast[o] == bias[o] + sum)
        }
    }

    @Test("the paper's tone is the grey level three quarters of the way up the sorted pixels")
    func paperLevel() {
        for count in [1, 2, 3, 4, 7, 100, 1001] {
            let grey = Self.numbers(count, seed: UInt64(count)).map { UInt8(Int(($0 + 1) * 127.5)) }
            #expect(GlyphImage.level(grey, atFraction: 3, of: 4) == grey.sorted()[count * 3 / 4])
        }
        #expect(GlyphImage.level([], atFraction: 3, of: 4) == 255)
    }
}
