import Foundation

extension SchedulerConfig {
    /// `scheduler/scheduler_config.json` as diffusers writes it: the training schedule and the
    /// sampler settings, under this configuration's class name (DDIMScheduler when none).
    var configFile: JSONValue {
        var members: [String: JSONValue] = [
            "_class_name": .string(className ?? "DDIMScheduler"),
            "beta_end": .number(betaEnd),
            "beta_schedule": .string(betaSchedule.rawValue),
            "beta_start": .number(betaStart),
            "clip_sample": .bool(clipSample ?? true),
            "clip_sample_range": .number(clipSampleRange),
            "num_train_timesteps": .int(trainTimesteps),
            "prediction_type": .string(predictionType.rawValue),
            "rescale_betas_zero_snr": .bool(rescaleBetasZeroSNR),
            "set_alpha_to_one": .bool(setAlphaToOne),
            "steps_offset": .int(stepsOffset),
            "thresholding": .bool(false),
            "trained_betas": trainedBetas.map { .array($0.map(JSONValue.number)) } ?? .null,
        ]
        if let timestepSpacing { members["timestep_spacing"] = .string(timestepSpacing.rawValue) }
        return .object(members)
    }
}
