/// Denoising diffusion implicit models with η = 0, deterministic (Song et al. 2021, eq. 12),
/// as diffusers' `DDIMScheduler` steps: from x_t, predict x₀ and ε, then
/// x_prev = √ᾱ_prev · x₀ + √(1 − ᾱ_prev) · ε, where prev = t − T / steps (integer division)
/// and ᾱ_prev for prev < 0 is 1 (`set_alpha_to_one`) or ᾱ₀.
public struct DDIMScheduler: DiffusionSampler {
    /// The configuration.
    public let config: SchedulerConfig
    /// The noise schedule.
    public let schedule: NoiseSchedule
    /// The integer training timesteps visited, highest first.
    public let trainingTimesteps: [Int]
    /// Whether x₀ predictions are clamped to ±`config.clipSampleRange`.
    public let clipsSample: Bool
    private let stride: Int
    private let finalAlphaCumprod: Float

    /// A DDIM sampler for `steps` steps; the default spacing is leading.
    public init(_ config: SchedulerConfig, steps: Int) throws {
        try TrainingTimesteps.check(steps: steps, trainTimesteps: config.trainTimesteps, source: config.source)
        self.config = config
        schedule = NoiseSchedule(config)
        trainingTimesteps = TrainingTimesteps.integral(config.timestepSpacing ?? .leading, steps: steps,
                                                       trainTimesteps: config.trainTimesteps, offset: config.stepsOffset)
        clipsSample = config.clipSample ?? true
        stride = config.trainTimesteps / steps
        finalAlphaCumprod = config.setAlphaToOne ? 1 : schedule.alphasCumprod[0]
    }

    /// The training timesteps as the model receives them.
    public var timesteps: [Double] { trainingTimesteps.map(Double.init) }

    /// DDIM starts from unit noise.
    public var initialNoiseSigma: Float { 1 }

    /// DDIM does not scale the model input.
    public func scaleModelInput(_ sample: [Float], step: Int) -> [Float] { sample }

    /// One DDIM step (η = 0); every coefficient in float32, as diffusers computes it.
    public func step(_ output: [Float], step: Int, sample: [Float]) -> SamplerStep {
        let timestep = trainingTimesteps[step]
        let previous = timestep - stride
        let alpha = schedule.alphasCumprod[timestep]
        let alphaPrevious = previous >= 0 ? schedule.alphasCumprod[previous] : finalAlphaCumprod
        let rootAlpha = alpha.squareRoot(), rootBeta = (1 - alpha).squareRoot()
        let (original, epsilon) = PredictionType.split(config.predictionType, output: output, sample: sample,
                                                       rootAlpha: rootAlpha, rootBeta: rootBeta)
        let bound = Float(config.clipSampleRange)
        let clipped = clipsSample ? original.map { min(max($0, -bound), bound) } : original
        let rootAlphaPrevious = alphaPrevious.squareRoot(), direction = (1 - alphaPrevious).squareRoot()
        let next = zip(clipped, epsilon).map { rootAlphaPrevious * $0 + direction * $1 }
        return SamplerStep(previous: next, predictedOriginal: clipped)
    }
}

extension PredictionType {
    /// The x₀ and ε a model output implies at a timestep with √ᾱ = `rootAlpha`, √(1−ᾱ) = `rootBeta`.
    static func split(_ type: PredictionType, output: [Float], sample: [Float],
                      rootAlpha: Float, rootBeta: Float) -> (original: [Float], epsilon: [Float]) {
        switch type {
        case .epsilon:
            return (zip(sample, output).map { ($0 - rootBeta * $1) / rootAlpha }, output)
        case .sample:
            return (output, zip(sample, output).map { ($0 - rootAlpha * $1) / rootBeta })
        case .vPrediction:
            return (zip(sample, output).map { rootAlpha * $0 - rootBeta * $1 },
                    zip(sample, output).map { rootAlpha * $1 + rootBeta * $0 })
        }
    }
}
