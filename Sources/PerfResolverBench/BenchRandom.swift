/// A seeded xorshift64* generator, so every synthetic graph is the same on every run.
struct BenchRandom: RandomNumberGenerator {
    private var state: UInt64

    /// A generator fixed by `seed` (0 is replaced by a constant: xorshift needs a non-zero state).
    init(seed: UInt64) { state = seed == 0 ? 0x2545_F491_4F6C_DD1D : seed }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}
