import Foundation

/// A small deterministic random number generator (SplitMix64, Steele et al. 2014): the
/// same seed gives the same numbers on every machine, for reproducible initialisation,
/// noise and tests.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Tensor {
    /// A tensor of `shape` with independent normal samples of `mean` and `standardDeviation`
    /// (Box–Muller on `generator`).
    public static func randomNormal<G: RandomNumberGenerator>(_ shape: [Int], mean: Float = 0, standardDeviation: Float = 1,
                                                               using generator: inout G) -> Tensor {
        let count = shape.elementCount
        var scalars = [Float]()
        scalars.reserveCapacity(count + 1)
        while scalars.count < count {
            // Uniform doubles from the top 53 bits; u1 in (0, 1] so that log(u1) is finite.
            let u1 = Double((generator.next() >> 11) + 1) * 0x1p-53
            let u2 = Double(generator.next() >> 11) * 0x1p-53
            let radius = (-2 * log(u1)).squareRoot()
            scalars.append(mean + standardDeviation * Float(radius * cos(2 * .pi * u2)))
            scalars.append(mean + standardDeviation * Float(radius * sin(2 * .pi * u2)))
        }
        return Tensor(shape: shape, scalars: Array(scalars.prefix(count)))
    }

    /// A tensor of `shape` with independent samples uniform in `range`.
    public static func randomUniform<G: RandomNumberGenerator>(_ shape: [Int], in range: ClosedRange<Float> = -1...1,
                                                                using generator: inout G) -> Tensor {
        Tensor(shape: shape, scalars: (0..<shape.elementCount).map { _ in Float.random(in: range, using: &generator) })
    }
}
