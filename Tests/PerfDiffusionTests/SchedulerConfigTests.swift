import Foundation
import PerfDiagnostics
import PerfDiffusion
import Testing

/// Reading scheduler_config.json and the samplers' argument checks.
@Suite struct SchedulerConfigTests {
    static func config(_ json: String) throws -> SchedulerConfig {
        try SchedulerConfig(data: Data(json.utf8), source: "scheduler/scheduler_config.json")
    }

    /// Stable Diffusion 1.5's scheduler file names PNDMScheduler; like diffusers'
    /// `DDIMScheduler.from_config`, perf samples with DDIM from it.
    @Test func anySchedulerClassConfiguresDDIM() throws {
        let config = try Self.config("""
        {"_class_name": "PNDMScheduler", "_diffusers_version": "0.6.0", "beta_end": 0.012,
         "beta_schedule": "scaled_linear", "beta_start": 0.00085, "num_train_timesteps": 1000,
         "set_alpha_to_one": false, "skip_prk_steps": true, "steps_offset": 1, "trained_betas": null,
         "clip_sample": false}
        """)
        #expect(config.className == "PNDMScheduler" && config.betaSchedule == .scaledLinear)
        let sampler = try DDIMScheduler(config, steps: 10)
        #expect(sampler.trainingTimesteps == [901, 801, 701, 601, 501, 401, 301, 201, 101, 1])
        #expect(!sampler.clipsSample)
    }

    @Test func absentKeysTakeDiffusersDefaults() throws {
        let config = try Self.config("{}")
        #expect(config.trainTimesteps == 1000 && config.betaSchedule == .linear && config.predictionType == .epsilon)
        #expect(config.timestepSpacing == nil && config.stepsOffset == 0 && config.setAlphaToOne)
        #expect(try DDIMScheduler(config, steps: 4).clipsSample, "diffusers' DDIM clips x₀ unless told not to")
        #expect(try DDIMScheduler(config, steps: 4).trainingTimesteps == [750, 500, 250, 0])
        #expect(try EulerDiscreteScheduler(config, steps: 4).timesteps == [999, 666, 333, 0])
    }

    @Test func unsupportedValuesNameFileAndKey() throws {
        for (json, key) in [("{\"thresholding\": true}", "thresholding"),
                            ("{\"beta_schedule\": \"sigmoid\"}", "beta_schedule"),
                            ("{\"prediction_type\": \"flow\"}", "prediction_type"),
                            ("{\"timestep_spacing\": \"karras\"}", "timestep_spacing")] {
            let error = try #require(throws: DiffusionError.self) { try Self.config(json) }
            #expect(error.description.contains("scheduler/scheduler_config.json") && error.description.contains("\"\(key)\""))
            #expect(error.exitStatus == .dataError)
        }
        let schedule = try #require(throws: DiffusionError.self) { try Self.config("{\"beta_schedule\": \"sigmoid\"}") }
        #expect(schedule.description.contains("\"scaled_linear\""), "the message lists what is supported")
        let betas = try #require(throws: DiffusionError.self) { try Self.config("{\"num_train_timesteps\": 3, \"trained_betas\": [0.1, 0.2]}") }
        #expect(betas.description.contains("trained_betas"))
        let type = try #require(throws: DiffusionError.self) { try Self.config("{\"steps_offset\": \"one\"}") }
        #expect(type.description.contains("steps_offset") && type.description.contains("\"one\""))
        #expect(throws: DiffusionError.self) { try SchedulerConfig(data: Data("[1, 2]".utf8), source: "x.json") }
        #expect(throws: DiffusionError.self) { try SchedulerConfig(data: Data("{\"a\": ".utf8), source: "x.json") }
    }

    /// Euler-only switches stop Euler but not DDIM, which never reads them.
    @Test func eulerRejectsSigmaVariantsItDoesNotImplement() throws {
        let karras = try Self.config("{\"use_karras_sigmas\": true}")
        let error = try #require(throws: DiffusionError.self) { try EulerDiscreteScheduler(karras, steps: 10) }
        #expect(error.description.contains("use_karras_sigmas"))
        _ = try DDIMScheduler(karras, steps: 10)
        #expect(throws: DiffusionError.self) { try EulerDiscreteScheduler(try Self.config("{\"interpolation_type\": \"log_linear\"}"), steps: 5) }
    }

    @Test func stepCountsOutsideTheTrainingRangeAreRejected() throws {
        let config = try Self.config("{\"num_train_timesteps\": 100}")
        for steps in [0, -1, 101] {
            for kind in SamplerKind.allCases {
                let error = try #require(throws: DiffusionError.self) { try kind.sampler(config, steps: steps) }
                #expect(error.exitStatus == .usage && error.description.contains("100 timesteps"))
            }
        }
        #expect(try SamplerKind.ddim.sampler(config, steps: 100).timesteps.count == 100)
    }

    @Test func trainingTargetFollowsThePredictionType() throws {
        let original: [Float] = [0.5, -1, 2, 0.25], noise: [Float] = [1, 0.5, -0.5, -2]
        for type in PredictionType.allCases {
            let scheduler = DDPMScheduler(try Self.config("{\"prediction_type\": \"\(type.rawValue)\"}"))
            let target = try scheduler.target(original, noise: noise, timesteps: [100, 900])
            switch type {
            case .epsilon: #expect(target == noise)
            case .sample: #expect(target == original)
            case .vPrediction: #expect(target == (try scheduler.velocity(original, noise: noise, timesteps: [100, 900])))
            }
        }
        let scheduler = DDPMScheduler(try Self.config("{}"))
        #expect(throws: InternalError.self) { try scheduler.addNoise(original, noise: noise, timesteps: [1, 2, 3]) }
        #expect(throws: InternalError.self) { try scheduler.addNoise(original, noise: noise, timesteps: [1000]) }
    }
}
