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
    /// The networks whose probabilities are averaged: one per weights file.
    let networks: [Network]

    /// One trained network: two convolutions with pooling, a hidden layer and the output.
    struct Network: Sendable {
        let conv1: Convolution
        let conv2: Convolution
        let hidden: Dense
        let output: Dense

        func logits(_ input: [Float]) -> [Float] {
            var map = conv1.apply(input, side: BoxClassifier.inputSide)
            map = Convolution.pooled(map, channels: conv1.outputs, side: BoxClassifier.inputSide)
            map = conv2.apply(map, side: BoxClassifier.inputSide / 2)
            map = Convolution.pooled(map, channels: conv2.outputs, side: BoxClassifier.inputSide / 2)
            var features = hidden.apply(map)
            for index in features.indices { features[index] = max(0, features[index]) }
            return output.apply(features)
        }
    }

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
        networks = [Network(conv1: Convolution(weights: tensors[0].values, bias: tensors[1].values, inputs: 1),
                            conv2: Convolution(weights: tensors[2].values, bias: tensors[3].values, inputs: c1[0]),
                            hidden: Dense(weights: tensors[4].values, bias: tensors[5].values),
                            output: Dense(weights: tensors[6].values, bias: tensors[7].values))]
    }

    /// An ensemble: the classifiers' probabilities, averaged.
    ///
    /// Networks trained alike from different seeds err on different glyphs, so where one is
    /// misled the others usually outvote it, and where they disagree the averaged
    /// probabilities say so. The others are asked only when the first is unsure
    /// (``sureEnough``). Every member must read the same characters.
    public init(ensemble members: [BoxClassifier]) throws(OCRError) {
        guard let first = members.first else {
            throw OCRError(code: .initialisationFailed, reason: "An ensemble of box classifiers needs at least one member.")
        }
        guard members.allSatisfy({ $0.labels == first.labels }) else {
            throw OCRError(code: .initialisationFailed, reason: "The members of a box classifier ensemble read different characters ("
                + members.map { $0.labels.joined() }.joined(separator: " / ") + "): retrain them with the same alphabet.")
        }
        labels = first.labels
        networks = members.flatMap(\.networks)
    }

    /// How many networks are averaged.
    public var memberCount: Int { networks.count }

    /// The scores for a normalised 28×28 input (row by row, ink 1, paper 0): the network's
    /// own for one, the logarithm of the averaged probabilities for an ensemble.
    public func logits(_ input: [Float]) -> [Float] {
        precondition(input.count == Self.inputSide * Self.inputSide, "a box classifier input is 28x28")
        if networks.count == 1 { return networks[0].logits(input) }
        return averaged(input).map { Foundation.log(max($0, .leastNormalMagnitude)) }
    }

    /// The probability of each label for a normalised input.
    public func probabilities(_ input: [Float]) -> [Float] {
        precondition(input.count == Self.inputSide * Self.inputSide, "a box classifier input is 28x28")
        return networks.count == 1 ? Self.softmax(networks[0].logits(input)) : averaged(input)
    }

    /// How sure the first network must be of its best label for the others not to be asked.
    ///
    /// Most glyphs are read at 99% or more by one network, and a second opinion there changes
    /// nothing but the time: with the second character network trained at stop 38, asking
    /// below 0.9 or below 0.98 read every tuning field as asking always, with half the added
    /// time (60 coupons, 2 jobs: 10.8 s with one network, 11.8 s asking always, 11.3 s either
    /// way). That member is not shipped (`models/boxnet/README.md`).
    public static let sureEnough: Float = 0.98

    private func averaged(_ input: [Float]) -> [Float] {
        var sum = Self.softmax(networks[0].logits(input))
        if (sum.max() ?? 0) >= Self.sureEnough { return sum }
        for network in networks.dropFirst() {
            for (index, probability) in Self.softmax(network.logits(input)).enumerated() { sum[index] += probability }
        }
        let count = Float(networks.count)
        return sum.map { $0 / count }
    }

    private static func softmax(_ scores: [Float]) -> [Float] {
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
