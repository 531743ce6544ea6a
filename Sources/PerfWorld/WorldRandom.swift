import Foundation

/// The world's own seeded generator (wyrand, Wang Yi 2019): the same seed gives the same
/// scenes, jitter and noise on every machine and every Swift version, because every draw
/// below (integers, floats, normals) is computed here rather than by the standard library.
public struct WorldRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator for one of several independent streams drawn from the same seed.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = WorldRandom(seed: seed ^ (stream &* 0x9FB2_1C65_1E98_DF25))
        state = mixer.next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0xA076_1D64_78BD_642F
        let product = state.multipliedFullWidth(by: state ^ 0xE703_7ED1_A0B4_28DB)
        return product.high ^ product.low
    }

    /// A uniform integer in `0..<count` (Lemire's multiply-shift; the bias is below 2⁻⁵⁰ for the small counts used here).
    public mutating func index(_ count: Int) -> Int {
        precondition(count > 0, "index(_:) needs a positive count")
        return Int(next().multipliedFullWidth(by: UInt64(count)).high)
    }

    /// One element of `choices`, uniformly.
    public mutating func pick<T>(_ choices: [T]) -> T { choices[index(choices.count)] }

    /// A uniform float in [0, 1) from the top 24 bits.
    public mutating func unit() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// A uniform float in [lower, upper).
    public mutating func uniform(_ lower: Float, _ upper: Float) -> Float { lower + (upper - lower) * unit() }

    /// A standard normal sample (Box–Muller, the cosine branch).
    public mutating func normal() -> Float {
        let u1 = (Double(next() >> 11) + 1) * 0x1p-53
        let u2 = Double(next() >> 11) * 0x1p-53
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }
}
