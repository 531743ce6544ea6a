import Foundation
import Testing
@testable import PerfTensor

/// Checks one op two ways:
/// 1. forward: the engine's Float32 result against the naive float64 reference, on the
///    same (Float32-representable) inputs;
/// 2. backward: the engine's gradient of L = Σ r∘y (r random) from the tape against
///    central finite differences of the *float64 reference* L, for every element of every
///    input (h = 1e-6·max(1, |x|): truncation and rounding errors ~1e-9 relative, far below
///    the Float32 tolerance).
/// Errors are measured relative to the largest magnitude of the reference (per input for
/// gradients), so a wrong formula shows up as an O(1) error while Float32 rounding stays
/// around 1e-6.
struct OpCheck {
    var forwardTolerance = 2e-5
    var gradientTolerance = 1e-4

    /// Runs both checks; `differentiable` lists the inputs whose gradients to check (default: all).
    func run(_ name: String, _ inputs: [Ref], differentiable: [Int]? = nil,
             engine: ([Tensor]) -> Tensor, reference: ([Ref]) -> Ref,
             sourceLocation: SourceLocation = #_sourceLocation) {
        var random = SeededRandom(seed: 0x5EED ^ UInt64(name.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xFFFF))
        let inputs = inputs.map { Ref($0.tensor) }  // exactly representable in Float32
        let expected = reference(inputs)
        let actual = engine(inputs.map(\.tensor))
        #expect(actual.shape == expected.shape, "\(name): shape \(actual.shape) ≠ \(expected.shape)", sourceLocation: sourceLocation)
        guard actual.shape == expected.shape else { return }
        let forwardError = OpCheck.relativeError(actual.scalars.map(Double.init), expected.values)
        #expect(forwardError <= forwardTolerance, "\(name) forward: relative error \(forwardError)", sourceLocation: sourceLocation)

        let projection = Ref(expected.shape, (0..<expected.count).map { _ in Double(Float.random(in: -1...1, using: &random)) })
        let tape = Tape()
        let watched = inputs.map { tape.watch($0.tensor) }
        let output = engine(watched)
        let wanted = differentiable ?? Array(inputs.indices)
        let gradients = tape.gradients(of: output, withRespectTo: wanted.map { watched[$0] }, seed: projection.tensor)
        #expect(tape.savedByteCount == 0 && tape.liveNodeCount == 0, "\(name): tape not released", sourceLocation: sourceLocation)
        func loss(_ values: [Ref]) -> Double {
            zip(reference(values).values, projection.values).reduce(0) { $0 + $1.0 * $1.1 }
        }
        for (slot, input) in wanted.enumerated() {
            var numeric = [Double](repeating: 0, count: inputs[input].count)
            var probe = inputs
            for i in 0..<inputs[input].count {
                let x = inputs[input].values[i], h = 1e-6 * max(1, abs(x))
                probe[input].values[i] = x + h
                let up = loss(probe)
                probe[input].values[i] = x - h
                let down = loss(probe)
                probe[input].values[i] = x
                numeric[i] = (up - down) / (2 * h)
            }
            let analytic = gradients[slot]
            #expect(analytic.shape == inputs[input].shape, "\(name): gradient shape \(analytic.shape)", sourceLocation: sourceLocation)
            let error = OpCheck.relativeError(analytic.scalars.map(Double.init), numeric)
            #expect(error <= gradientTolerance, "\(name) backward of input \(input): relative error \(error)", sourceLocation: sourceLocation)
        }
    }

    /// max |a − b| / max |b| (absolute when b is all zeros).
    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count else { return .infinity }
        let scale = max(b.map(abs).max() ?? 0, 1e-12)
        return zip(a, b).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
    }
}

/// Random test data: small shapes with odd sizes, normal values.
struct Draw {
    var random: SeededRandom

    init(_ seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func size(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    mutating func ref(_ shape: [Int], scale: Double = 1) -> Ref {
        Ref(Tensor.randomNormal(shape, standardDeviation: Float(scale), using: &random))
    }

    mutating func positive(_ shape: [Int]) -> Ref { ref(shape).map { 0.5 + abs($0) } }
}
