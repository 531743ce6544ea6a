/// The Euler method on the probability-flow ODE in σ = √((1 − ᾱ)/ᾱ) (Karras et al. 2022,
/// algorithm 1 without churn), as diffusers' `EulerDiscreteScheduler` steps: the model sees
/// x / √(σ² + 1); x₀ is predicted from its output, and x ← x + (x − x₀)/σ · (σ_next − σ).
public struct EulerDiscreteScheduler: DiffusionSampler {
    /// The configuration.
    public let config: SchedulerConfig
    /// The noise schedule (with zero terminal SNR, its last ᾱ is set to 2⁻²⁴ as diffusers does).
    public let alphasCumprod: [Float]
    /// The timesteps given to the model, fractional under linspace spacing.
    public let timesteps: [Double]
    /// σ at each step, followed by the final σ (0, or σ at t = 0).
    public let sigmas: [Float]
    /// The standard deviation of the initial noise.
    public let initialNoiseSigma: Float

    /// An Euler sampler for `steps` steps; the default spacing is linspace. Karras,
    /// exponential and beta sigmas, log-linear interpolation and continuous timesteps are
    /// not implemented and rejected.
    public init(_ config: SchedulerConfig, steps: Int) throws {
        try TrainingTimesteps.check(steps: steps, trainTimesteps: config.trainTimesteps, source: config.source)
        if let switched = config.alternativeSigmas.first {
            throw DiffusionError(config.source, .unsupported(key: switched, value: "true", supported: "false"))
        }
        for (key, value, supported) in [("interpolation_type", config.interpolationType, "linear"),
                                        ("timestep_type", config.timestepType, "discrete")] where value != supported {
            throw DiffusionError(config.source, .unsupported(key: key, value: "\"\(value)\"", supported: "\"\(supported)\""))
        }
        guard ["zero", "sigma_min"].contains(config.finalSigmasType) else {
            throw DiffusionError(config.source, .unsupported(key: "final_sigmas_type", value: "\"\(config.finalSigmasType)\"",
                                                              supported: "\"zero\", \"sigma_min\""))
        }
        self.config = config
        var alphas = NoiseSchedule(config).alphasCumprod
        if config.rescaleBetasZeroSNR { alphas[alphas.count - 1] = 0x1p-24 }
        alphasCumprod = alphas
        let trainingSigmas = alphas.map { ((1 - $0) / $0).squareRoot() }
        let spacing = config.timestepSpacing ?? .linspace
        let fractional = TrainingTimesteps.fractional(spacing, steps: steps, trainTimesteps: config.trainTimesteps,
                                                      offset: config.stepsOffset).map { Double(Float($0)) }
        timesteps = fractional
        let last: Float = config.finalSigmasType == "zero" ? 0 : trainingSigmas[0]
        sigmas = fractional.map { Float(Self.interpolate(trainingSigmas, at: $0)) } + [last]
        let largest = sigmas.max() ?? 0
        initialNoiseSigma = spacing == .leading ? (largest * largest + 1).squareRoot() : largest
    }

    /// x / √(σ² + 1).
    public func scaleModelInput(_ sample: [Float], step: Int) -> [Float] {
        let sigma = sigmas[step]
        let scale = (sigma * sigma + 1).squareRoot()
        return sample.map { $0 / scale }
    }

    /// One Euler step.
    public func step(_ output: [Float], step: Int, sample: [Float]) -> SamplerStep {
        let sigma = sigmas[step]
        let original: [Float]
        switch config.predictionType {
        case .epsilon:
            original = zip(sample, output).map { $0 - sigma * $1 }
        case .sample:
            original = output
        case .vPrediction:
            let variance = sigma * sigma + 1
            let outputScale = -sigma / variance.squareRoot()
            original = zip(sample, output).map { $1 * outputScale + $0 / variance }
        }
        let dt = sigmas[step + 1] - sigma
        let next = zip(sample, original).map { x, x0 in x + (x - x0) / sigma * dt }
        return SamplerStep(previous: next, predictedOriginal: original)
    }

    /// `np.interp(x, arange(n), values)`: linear interpolation between integer positions,
    /// clamped to the ends.
    static func interpolate(_ values: [Float], at x: Double) -> Double {
        guard x > 0 else { return Double(values[0]) }
        guard x < Double(values.count - 1) else { return Double(values[values.count - 1]) }
        let lower = Int(x.rounded(.down))
        let low = Double(values[lower]), high = Double(values[lower + 1])
        return (high - low) * (x - Double(lower)) + low
    }
}
