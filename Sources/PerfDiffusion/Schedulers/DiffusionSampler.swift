/// A sampler's result for one step.
public struct SamplerStep: Sendable, Equatable {
    /// The sample at the next (less noisy) timestep.
    public let previous: [Float]
    /// The model's estimate of the clean sample x₀.
    public let predictedOriginal: [Float]
}

/// A deterministic sampler with its timesteps fixed: the sampling loop is
///
///     latents = noise × initialNoiseSigma
///     for step in timesteps.indices:
///         output = model(scaleModelInput(latents, step: step), timesteps[step])
///         latents = self.step(output, step: step, sample: latents).previous
///
/// Samples are flat float arrays in any layout: every operation is elementwise.
public protocol DiffusionSampler: Sendable {
    /// The timestep to give the model at each step, highest first.
    var timesteps: [Double] { get }
    /// The standard deviation of the initial noise.
    var initialNoiseSigma: Float { get }
    /// The sample as the model should see it at `step`.
    func scaleModelInput(_ sample: [Float], step: Int) -> [Float]
    /// One step from `sample` at `timesteps[step]` given the model's `output` there.
    func step(_ output: [Float], step: Int, sample: [Float]) -> SamplerStep
}

/// The samplers perf implements, by the names diffusers gives their schedulers.
public enum SamplerKind: String, Sendable, CaseIterable {
    /// `DDIMScheduler`, η = 0.
    case ddim = "DDIMScheduler"
    /// `EulerDiscreteScheduler`, without churn.
    case euler = "EulerDiscreteScheduler"

    /// The sampler of this kind for `config` and `steps`.
    public func sampler(_ config: SchedulerConfig, steps: Int) throws -> any DiffusionSampler {
        switch self {
        case .ddim: try DDIMScheduler(config, steps: steps)
        case .euler: try EulerDiscreteScheduler(config, steps: steps)
        }
    }
}
