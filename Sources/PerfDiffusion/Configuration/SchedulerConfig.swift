import Foundation

/// How betas grow over the training timesteps (`beta_schedule`).
public enum BetaSchedule: String, Sendable, CaseIterable {
    /// Evenly spaced from `beta_start` to `beta_end` (DDPM).
    case linear
    /// Evenly spaced square roots, squared (Stable Diffusion).
    case scaledLinear = "scaled_linear"
    /// The cosine schedule of Nichol & Dhariwal 2021, betas capped at 0.999 (GLIDE).
    case squaredCosCapV2 = "squaredcos_cap_v2"
}

/// What the model predicts (`prediction_type`).
public enum PredictionType: String, Sendable, CaseIterable {
    /// The added noise ε.
    case epsilon
    /// The velocity v = √ᾱ ε − √(1−ᾱ) x₀ (Salimans & Ho 2022).
    case vPrediction = "v_prediction"
    /// The clean sample x₀.
    case sample
}

/// Which training timesteps a sampler visits (`timestep_spacing`; Lin et al. 2023, table 2).
public enum TimestepSpacing: String, Sendable, CaseIterable {
    /// Evenly spaced from 0, plus `steps_offset`: never visits the last timestep.
    case leading
    /// Evenly spaced down from the last timestep.
    case trailing
    /// Evenly spaced over [0, T−1], rounded (DDIM) or fractional (Euler).
    case linspace
}

/// `scheduler/scheduler_config.json`: the noise schedule the model was trained with and the
/// sampler settings. Like diffusers' `from_config`, any scheduler class's file is accepted
/// (Stable Diffusion 1.5 ships a PNDMScheduler file) and every sampler reads the keys it
/// knows; options that differ per sampler are kept optional and resolved by the sampler.
public struct SchedulerConfig: Sendable, Equatable {
    /// The file's path, for messages.
    public var source: String
    /// `_class_name`, if given.
    public var className: String?
    /// Training timesteps T (`num_train_timesteps`).
    public var trainTimesteps: Int
    /// First beta (`beta_start`).
    public var betaStart: Double
    /// Last beta (`beta_end`).
    public var betaEnd: Double
    /// The beta schedule (`beta_schedule`).
    public var betaSchedule: BetaSchedule
    /// Explicit betas, overriding the schedule (`trained_betas`).
    public var trainedBetas: [Double]?
    /// Rescale betas to zero terminal SNR (`rescale_betas_zero_snr`; Lin et al. 2023, algorithm 1).
    public var rescaleBetasZeroSNR: Bool
    /// What the model predicts (`prediction_type`).
    public var predictionType: PredictionType
    /// Timestep spacing; nil means the sampler's own default (`timestep_spacing`).
    public var timestepSpacing: TimestepSpacing?
    /// Added to leading timesteps (`steps_offset`).
    public var stepsOffset: Int
    /// Whether DDIM clamps its x₀ prediction; nil means diffusers' DDIM default, true (`clip_sample`).
    public var clipSample: Bool?
    /// The clamp's bound (`clip_sample_range`).
    public var clipSampleRange: Double
    /// Whether DDIM's last step goes to ᾱ = 1 rather than ᾱ₀ (`set_alpha_to_one`).
    public var setAlphaToOne: Bool
    /// Euler's sigma interpolation (`interpolation_type`); perf implements "linear".
    public var interpolationType: String
    /// Euler's sigma spacing switches (`use_karras_sigmas`, `use_exponential_sigmas`, `use_beta_sigmas`):
    /// the names of those that are on; perf implements none.
    public var alternativeSigmas: [String]
    /// Euler's timestep kind (`timestep_type`); perf implements "discrete".
    public var timestepType: String
    /// Euler's last sigma: "zero" or "sigma_min" (`final_sigmas_type`).
    public var finalSigmasType: String

    /// Reads `scheduler/scheduler_config.json`.
    public init(contentsOf url: URL) throws {
        try self.init(ConfigObject.read(url, what: "the scheduler configuration"))
    }

    /// Parses `scheduler_config.json` content; `source` names it in errors.
    public init(data: Data, source: String) throws {
        try self.init(ConfigObject.parse(data, source: source))
    }

    init(_ config: ConfigObject) throws {
        source = config.source
        className = try config.optionalString("_class_name")
        trainTimesteps = try config.int("num_train_timesteps", default: 1000, atLeast: 1)
        betaStart = try config.double("beta_start", default: 0.0001)
        betaEnd = try config.double("beta_end", default: 0.02)
        betaSchedule = try Self.enumeration(config, "beta_schedule", default: .linear)
        if config.value("trained_betas") != nil {
            let betas = try config.doubles("trained_betas")
            guard betas.count == trainTimesteps else {
                throw DiffusionError(source, .malformed(key: "trained_betas", "has \(betas.count) betas for \(trainTimesteps) timesteps"))
            }
            trainedBetas = betas
        }
        rescaleBetasZeroSNR = try config.bool("rescale_betas_zero_snr", default: false)
        predictionType = try Self.enumeration(config, "prediction_type", default: .epsilon)
        timestepSpacing = config.value("timestep_spacing") == nil ? nil : try Self.enumeration(config, "timestep_spacing", default: .leading)
        stepsOffset = try config.int("steps_offset", default: 0, atLeast: 0)
        clipSample = config.value("clip_sample") == nil ? nil : try config.bool("clip_sample")
        clipSampleRange = try config.double("clip_sample_range", default: 1)
        setAlphaToOne = try config.bool("set_alpha_to_one", default: true)
        try config.requireFalse("thresholding")
        interpolationType = try config.string("interpolation_type", default: "linear")
        alternativeSigmas = try ["use_karras_sigmas", "use_exponential_sigmas", "use_beta_sigmas"].filter {
            try config.bool($0, default: false)
        }
        timestepType = try config.string("timestep_type", default: "discrete")
        finalSigmasType = try config.string("final_sigmas_type", default: "zero")
    }

    /// A string key's value as one of `T`'s cases; an unsupported value names them all.
    private static func enumeration<T: RawRepresentable & CaseIterable>(_ config: ConfigObject, _ key: String,
                                                                       default fallback: T) throws -> T
    where T.RawValue == String {
        let name = try config.string(key, default: fallback.rawValue)
        guard let value = T(rawValue: name) else {
            let supported = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw DiffusionError(config.source, .unsupported(key: key, value: "\"\(name)\"", supported: supported))
        }
        return value
    }
}
