import Foundation
import PerfSafeTensors
import PerfTensor

/// The uncentered covariance C = (1/N) Σ e eᵀ of text-encoder outputs e over a caption set
/// (DESIGN §1; Tewel et al. 2023, §4), accumulated in double precision. Each caption
/// contributes the states of its real tokens: the start token, the text's tokens and the
/// first end token (padding positions are left out).
///
/// Stored as `stats/text_covariance.safetensors`: `covariance` [d, d] (F32) and `count` [] (I64).
public struct TextCovariance: Sendable, Equatable {
    /// Width d of the states.
    public let width: Int
    /// Σ e eᵀ, row-major [d, d].
    public private(set) var sum: [Double]
    /// N, the states summed.
    public private(set) var count: Int

    /// An empty accumulator for states of width `width`.
    public init(width: Int) {
        self.width = width
        sum = [Double](repeating: 0, count: width * width)
        count = 0
    }

    /// Adds the rows of `states` [n, d].
    public mutating func add(_ states: Tensor) {
        precondition(states.rank == 2 && states.shape[1] == width, "TextCovariance.add: states \(states.shape) are not [n, \(width)]")
        let outer = states.detached().matmul(states.detached(), transposeA: true)
        for (index, value) in outer.scalars.enumerated() { sum[index] += Double(value) }
        count += states.shape[0]
    }

    /// Adds the real-token states of each caption in `captions`, encoded by `encoder` after
    /// `tokenizer`, `batchSize` captions per encoder pass.
    public mutating func add(captions: [String], tokenizer: CLIPTokenizer, encoder: CLIPTextEncoder, batchSize: Int = 16) throws {
        for start in stride(from: 0, to: captions.count, by: max(batchSize, 1)) {
            let batch = captions[start ..< min(start + max(batchSize, 1), captions.count)]
            let ids = batch.map(tokenizer.encode)
            let states = try encoder(ids)
            for (item, sequence) in ids.enumerated() {
                let used = (sequence.dropFirst().firstIndex(of: tokenizer.eos.id) ?? sequence.count - 1) + 1
                add(states.slice(axis: 0, item ..< item + 1).reshaped([sequence.count, width]).slice(axis: 0, 0 ..< used))
            }
        }
    }

    /// C = Σ e eᵀ / N as a float tensor [d, d] (zeros before anything was added).
    public var covariance: Tensor {
        let scale = count == 0 ? 0 : 1 / Double(count)
        return Tensor(shape: [width, width], scalars: sum.map { Float($0 * scale) })
    }

    /// The statistics file's content: `covariance` and `count`.
    public func file() throws -> SafeTensorsFile {
        let countBytes = withUnsafeBytes(of: Int64(count).littleEndian) { Data($0) }
        return SafeTensorsFile(tensors: [
            "covariance": try SafeTensor(floats: covariance.scalars, shape: [width, width]),
            "count": try SafeTensor(dtype: .i64, shape: [], data: countBytes),
        ], metadata: ["format": "perf text covariance", "tokens": "start, text and first end token of each caption"])
    }
}
