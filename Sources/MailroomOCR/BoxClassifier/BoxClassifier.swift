import Foundation

/// A small convolutional network that reads the one hand-printed character in a comb box.
///
/// Tesseract's line models read a comb as a line and split it back into boxes, and its
/// single-character mode is weak on handwriting. A classifier trained on real handwritten
/// digits (`models/boxnet/train.py`) sees each box alone, normalised the way its training
/// glyphs were, and gives a probability for every character: exactly the per-box
/// alternatives the postcode cross-check wants. The weights are plain numbers, so one
/// classifier is shared read-only by every worker.
public struct BoxClassifier: Sendable {
    /// The characters the output positions stand for.
    public let labels: [String]
    let conv1: Convolution
    let conv2: Convolution
    let hidden: Dense
    let output: Dense

    /// Side of the square input, in pixels.
    public static let inputSide = 28

    /// Loads a `.boxnet` weights file (format in `models/boxnet/README.md`).
    ///
    /// A `BOXNET01` file is a digit classifier; a `BOXNET02` file names its own characters.
    public init(contentsOf url: URL) throws(OCRError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw OCRError(code: .modelMissing, reason: "Box classifier '\(url.lastPathComponent)' was not found in "
                + "\(url.deletingLastPathComponent().path). It ships in the repository's models/ folder (set MAILROOM_MODELS "
                + "to point at it); models/boxnet/train.py rebuilds it.")
        }
        let (labels, tensors) = try Self.contents(of: data, file: url.lastPathComponent)
        func damaged(_ detail: String) -> OCRError {
            OCRError(code: .initialisationFailed, reason: "Box classifier '\(url.lastPathComponent)' is damaged: \(detail). "
                + "Restore it from the repository or rebuild it with models/boxnet/train.py.")
        }
        guard tensors.count == 8 else { throw damaged("\(tensors.count) tensors, expected 8") }
        let c1 = tensors[0].shape, c2 = tensors[2].shape, f1 = tensors[4].shape, f2 = tensors[6].shape
        guard c1.count == 4, c1[1] == 1, c1[2] == 3, c1[3] == 3, tensors[1].shape == [c1[0]],
              c2.count == 4, c2[1] == c1[0], c2[2] == 3, c2[3] == 3, tensors[3].shape == [c2[0]],
              f1.count == 2, f1[1] == c2[0] * 49, tensors[5].shape == [f1[0]],
              f2 == [labels.count, f1[0]], tensors[7].shape == [labels.count] else {
            throw damaged("layer shapes \(tensors.map(\.shape)) do not chain for \(labels.count) labels")
        }
        self.labels = labels
        conv1 = Convolution(weights: tensors[0].values, bias: tensors[1].values, inputs: 1)
        conv2 = Convolution(weights: tensors[2].values, bias: tensors[3].values, inputs: c1[0])
        hidden = Dense(weights: tensors[4].values, bias: tensors[5].values)
        output = Dense(weights: tensors[6].values, bias: tensors[7].values)
    }

    /// The raw scores for a normalised 28×28 input (row by row, ink 1, paper 0).
    public func logits(_ input: [Float]) -> [Float] {
        precondition(input.count == Self.inputSide * Self.inputSide, "a box classifier input is 28x28")
        var map = conv1.apply(input, side: Self.inputSide)
        map = Convolution.pooled(map, channels: conv1.outputs, side: Self.inputSide)
        map = conv2.apply(map, side: Self.inputSide / 2)
        map = Convolution.pooled(map, channels: conv2.outputs, side: Self.inputSide / 2)
        var features = hidden.apply(map)
        for index in features.indices { features[index] = max(0, features[index]) }
        return output.apply(features)
    }

    /// The probability of each label for a normalised input.
    public func probabilities(_ input: [Float]) -> [Float] {
        let scores = logits(input)
        let top = scores.max() ?? 0
        let exponentials = scores.map { Foundation.exp($0 - top) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }

    /// Reads a weights file: magic, the alphabet (`BOXNET02`), count, then per tensor its shape and floats.
    private static func contents(of data: Data, file: String) throws(OCRError) -> (labels: [String], tensors: [(shape: [Int], values: [Float])]) {
        let bytes = [UInt8](data)
        var offset = 0
        func fail(_ detail: String) -> OCRError {
            OCRError(code: .initialisationFailed, reason: "Box classifier '\(file)' is damaged: \(detail). "
                + "Restore it from the repository or rebuild it with models/boxnet/train.py.")
        }
        func word() throws(OCRError) -> Int {
            guard offset + 4 <= bytes.count else { throw fail("it ends early, at byte \(bytes.count)") }
            defer { offset += 4 }
            return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
        }
        let magic = bytes.count >= 12 ? String(decoding: bytes[0..<8], as: UTF8.self) : ""
        guard magic == "BOXNET01" || magic == "BOXNET02" else { throw fail("it does not start with BOXNET01 or BOXNET02") }
        offset = 8
        var labels = (0...9).map(String.init)
        if magic == "BOXNET02" {
            let length = try word()
            guard length > 0, length <= 1024, offset + length <= bytes.count else { throw fail("an alphabet of \(length) bytes") }
            labels = String(decoding: bytes[offset..<offset + length], as: UTF8.self).map(String.init)
            offset += length
        }
        let count = try word()
        guard count <= 64 else { throw fail("it claims \(count) tensors") }
        var tensors: [(shape: [Int], values: [Float])] = []
        for _ in 0..<count {
            let rank = try word()
            guard (1...4).contains(rank) else { throw fail("a tensor of rank \(rank)") }
            var shape: [Int] = []
            for _ in 0..<rank { shape.append(try word()) }
            let elements = shape.reduce(1, *)
            guard shape.allSatisfy({ $0 > 0 && $0 < 1 << 20 }), offset + elements * 4 <= bytes.count else {
                throw fail("a tensor of shape \(shape) does not fit in \(bytes.count) bytes")
            }
            var values = [Float](repeating: 0, count: elements)
            for index in 0..<elements {
                values[index] = Float(bitPattern: UInt32(try word()))
            }
            tensors.append((shape, values))
        }
        guard offset == bytes.count else { throw fail("\(bytes.count - offset) bytes left over after the last tensor") }
        return (labels, tensors)
    }
}

/// A 3×3 convolution with zero padding and ReLU, as PyTorch's `Conv2d(padding=1)` then `relu`.
struct Convolution: Sendable {
    let weights: [Float]
    let bias: [Float]
    let inputs: Int
    var outputs: Int { bias.count }

    /// The convolution as one matrix product: every 3×3 neighbourhood laid out as a column
    /// first, so the inner loop runs over a whole map (long, contiguous, vectorised) rather
    /// than over one short row.
    func apply(_ input: [Float], side: Int) -> [Float] {
        let plane = side * side, taps = inputs * 9
        var columns = [Float](repeating: 0, count: taps * plane)
        input.withUnsafeBufferPointer { source in
            columns.withUnsafeMutableBufferPointer { target in
                for i in 0..<inputs {
                    for ky in 0..<3 {
                        for kx in 0..<3 {
                            let row = target.baseAddress! + ((i * 3 + ky) * 3 + kx) * plane
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
        var out = [Float](repeating: 0, count: outputs * plane)
        columns.withUnsafeBufferPointer { matrix in
            weights.withUnsafeBufferPointer { kernel in
                out.withUnsafeMutableBufferPointer { target in
                    for o in 0..<outputs {
                        let destination = target.baseAddress! + o * plane
                        for index in 0..<plane { destination[index] = bias[o] }
                        for tap in 0..<taps {
                            let w = kernel[o * taps + tap]
                            if w == 0 { continue }
                            let from = matrix.baseAddress! + tap * plane
                            for index in 0..<plane { destination[index] += w * from[index] }
                        }
                        for index in 0..<plane { destination[index] = max(0, destination[index]) }
                    }
                }
            }
        }
        return out
    }

    /// 2×2 max-pooling with stride 2 of `channels` square maps.
    static func pooled(_ map: [Float], channels: Int, side: Int) -> [Float] {
        let half = side / 2
        var out = [Float](repeating: 0, count: channels * half * half)
        for c in 0..<channels {
            for y in 0..<half {
                for x in 0..<half {
                    let base = c * side * side + 2 * y * side + 2 * x
                    out[(c * half + y) * half + x] = max(max(map[base], map[base + 1]), max(map[base + side], map[base + side + 1]))
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

    func apply(_ input: [Float]) -> [Float] {
        let width = input.count
        var out = bias
        weights.withUnsafeBufferPointer { matrix in
            input.withUnsafeBufferPointer { vector in
                for o in 0..<bias.count {
                    let row = matrix.baseAddress! + o * width
                    var sum: Float = 0
                    for index in 0..<width { sum += row[index] * vector[index] }
                    out[o] += sum
                }
            }
        }
        return out
    }
}
