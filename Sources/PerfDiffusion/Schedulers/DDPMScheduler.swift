import PerfDiagnostics

/// The forward (noising) process used in training (Ho et al. 2020, eq. 4):
/// x_t = √ᾱ_t · x₀ + √(1 − ᾱ_t) · ε, and the regression targets for each prediction type,
/// as diffusers' `DDPMScheduler.add_noise` / `get_velocity` compute them in float32.
public struct DDPMScheduler: Sendable {
    /// The configuration.
    public let config: SchedulerConfig
    /// The noise schedule.
    public let schedule: NoiseSchedule

    /// The training process `config` describes.
    public init(_ config: SchedulerConfig) {
        self.config = config
        schedule = NoiseSchedule(config)
    }

    /// x_t for a batch: `original` and `noise` hold `timesteps.count` equal-sized items one
    /// after another, item i noised to `timesteps[i]`.
    public func addNoise(_ original: [Float], noise: [Float], timesteps: [Int]) throws -> [Float] {
        try combine(original, noise, timesteps) { x, epsilon, rootAlpha, rootBeta in rootAlpha * x + rootBeta * epsilon }
    }

    /// The velocity v_t = √ᾱ_t · ε − √(1 − ᾱ_t) · x₀ (Salimans & Ho 2022), batched as `addNoise`.
    public func velocity(_ original: [Float], noise: [Float], timesteps: [Int]) throws -> [Float] {
        try combine(original, noise, timesteps) { x, epsilon, rootAlpha, rootBeta in rootAlpha * epsilon - rootBeta * x }
    }

    /// What the model should predict for this noise: ε, v or x₀ by `config.predictionType`.
    public func target(_ original: [Float], noise: [Float], timesteps: [Int]) throws -> [Float] {
        switch config.predictionType {
        case .epsilon: noise
        case .sample: original
        case .vPrediction: try velocity(original, noise: noise, timesteps: timesteps)
        }
    }

    /// Applies `formula(x, ε, √ᾱ_t, √(1−ᾱ_t))` elementwise, item by item.
    private func combine(_ original: [Float], _ noise: [Float], _ timesteps: [Int],
                         _ formula: (Float, Float, Float, Float) -> Float) throws -> [Float] {
        guard original.count == noise.count, !timesteps.isEmpty, original.count % timesteps.count == 0 else {
            throw InternalError("\(original.count) samples, \(noise.count) noise values and \(timesteps.count) timesteps do not form a batch")
        }
        if let bad = timesteps.first(where: { !schedule.alphasCumprod.indices.contains($0) }) {
            throw InternalError("timestep \(bad) is outside 0..<\(schedule.alphasCumprod.count)")
        }
        let size = original.count / timesteps.count
        var result = [Float](repeating: 0, count: original.count)
        for (item, timestep) in timesteps.enumerated() {
            let alpha = schedule.alphasCumprod[timestep]
            let rootAlpha = alpha.squareRoot(), rootBeta = (1 - alpha).squareRoot()
            for index in item * size..<(item + 1) * size {
                result[index] = formula(original[index], noise[index], rootAlpha, rootBeta)
            }
        }
        return result
    }
}
