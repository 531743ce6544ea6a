import PerfTensor

/// The random choices of one training step: a timestep and unit Gaussian noise per picture,
/// and which captions are emptied (so that the model also learns the unconditional
/// prediction classifier-free guidance needs; Ho & Salimans 2022). Drawn from a generator
/// seeded by the run's seed and the step alone, so any step can be drawn again, and a
/// resumed run needs no saved generator state.
public struct TrainingDraw: Sendable, Equatable {
    /// One training timestep per picture, uniform in 0..<T.
    public let timesteps: [Int]
    /// Unit normal noise, shaped as the batch's pixels.
    public let noise: [Float]
    /// Per picture, whether its caption is replaced by the empty caption.
    public let emptied: [Bool]

    /// The draw for step `step` of a run seeded `seed`: `batch` pictures of `pixels` values
    /// each, timesteps in 0..<`timesteps`, each caption emptied with probability `emptyCaptionRate`.
    public init(seed: UInt64, step: Int, batch: Int, pixels: Int, timesteps: Int, emptyCaptionRate: Double) {
        var generator = SeededRandom(seed: seed &+ 0x5EED_0000_0000 &+ UInt64(step) &* 0xD1B5_4A32_D192_ED03)
        self.timesteps = (0..<batch).map { _ in Int.random(in: 0..<timesteps, using: &generator) }
        emptied = (0..<batch).map { _ in Double.random(in: 0..<1, using: &generator) < emptyCaptionRate }
        noise = Tensor.randomNormal([batch * pixels], using: &generator).scalars
    }

    /// A given draw (for tests and evaluation at fixed noise).
    public init(timesteps: [Int], noise: [Float], emptied: [Bool]) {
        self.timesteps = timesteps
        self.noise = noise
        self.emptied = emptied
    }

    /// Part `index` of `count` equal consecutive parts of the batch it was drawn for.
    func part(_ index: Int, of count: Int) -> TrainingDraw {
        let size = timesteps.count / count, range = index * size ..< (index + 1) * size
        let pixels = noise.count / max(timesteps.count, 1)
        return TrainingDraw(timesteps: Array(timesteps[range]), noise: Array(noise[range.lowerBound * pixels ..< range.upperBound * pixels]),
                            emptied: Array(emptied[range]))
    }
}
