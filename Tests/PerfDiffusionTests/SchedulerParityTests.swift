import Foundation
import PerfDiffusion
import Testing

/// perf's schedulers against diffusers' (Fixtures/make_schedulers.py): noise schedules,
/// training noise, timesteps, sigmas, and whole sampling loops driven by a fake model.
@Suite struct SchedulerParityTests {
    struct TrainingCase: Decodable {
        let name: String
        let alphas_cumprod: [Float]
        let timesteps: [Int]
        let original: [Float]
        let noise: [Float]
        let noisy: [Float]
        let velocity: [Float]
    }
    struct Step: Decodable {
        let timestep: Double
        let model_input: [Float]
        let model_output: [Float]
        let prev_sample: [Float]
        let pred_original_sample: [Float]
    }
    struct SamplingCase: Decodable {
        let name: String
        let steps: Int
        let timesteps: [Double]
        let init_noise_sigma: Float
        let initial: [Float]
        let sigmas: [Float]?
        let trajectory: [Step]
    }
    struct Fixture: Decodable {
        let ddpm: [TrainingCase]
        let ddim: [SamplingCase]
        let euler: [SamplingCase]
    }

    static let file = "schedulers.json"

    /// The fixture, and each case's `config` as scheduler_config.json text, by family.
    static func load() throws -> (Fixture, [String: [Data]]) {
        let data = try Data(contentsOf: DiffusionFixtures.url(file))
        let fixture = try JSONDecoder().decode(Fixture.self, from: data)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var configs: [String: [Data]] = [:]
        for family in ["ddpm", "ddim", "euler"] {
            let cases = try #require(object[family] as? [[String: Any]])
            configs[family] = try cases.map { try JSONSerialization.data(withJSONObject: try #require($0["config"])) }
        }
        return (fixture, configs)
    }

    /// diffusers' fake model: 0.1 · x[i] + 0.5 · sin(0.01 · t + 0.37 · i), in float32.
    static func fakeModel(_ sample: [Float], timestep: Double) -> [Float] {
        sample.indices.map { Float(0.1) * sample[$0] + 0.5 * Float(sin(0.01 * Float(timestep).double + 0.37 * Double($0))) }
    }

    @Test func trainingNoiseMatchesDDPMScheduler() throws {
        let (fixture, configs) = try Self.load()
        #expect(fixture.ddpm.count >= 4)
        for (item, config) in zip(fixture.ddpm, configs["ddpm"]!) {
            let scheduler = DDPMScheduler(try SchedulerConfig(data: config, source: item.name))
            #expect(firstMismatch(scheduler.schedule.alphasCumprod, item.alphas_cumprod, absolute: 1e-12) == nil, "\(item.name): alphas_cumprod")
            let noisy = try scheduler.addNoise(item.original, noise: item.noise, timesteps: item.timesteps)
            let velocity = try scheduler.velocity(item.original, noise: item.noise, timesteps: item.timesteps)
            let size = item.original.count / item.timesteps.count
            for index in item.original.indices {
                let alpha = scheduler.schedule.alphasCumprod[item.timesteps[index / size]]
                let slack = Self.alphaRoundingEffect(alpha, item.original[index], item.noise[index])
                #expect(abs(noisy[index] - item.noisy[index]) <= 1e-5 * abs(item.noisy[index]) + slack,
                        "\(item.name): add_noise[\(index)] \(noisy[index]) vs \(item.noisy[index])")
                #expect(abs(velocity[index] - item.velocity[index]) <= 1e-5 * abs(item.velocity[index]) + slack,
                        "\(item.name): get_velocity[\(index)] \(velocity[index]) vs \(item.velocity[index])")
            }
        }
        let zeroSNR = try #require(fixture.ddpm.first { $0.name == "cosine-zero-snr" })
        #expect(zeroSNR.alphas_cumprod.last == 0, "the fixture covers a zero terminal SNR")
    }

    @Test func ddimMatchesDiffusers() throws {
        let (fixture, configs) = try Self.load()
        #expect(fixture.ddim.count >= 5)
        for (item, config) in zip(fixture.ddim, configs["ddim"]!) {
            let sampler = try DDIMScheduler(try SchedulerConfig(data: config, source: item.name), steps: item.steps)
            try Self.check(sampler, against: item)
        }
    }

    @Test func eulerMatchesDiffusers() throws {
        let (fixture, configs) = try Self.load()
        #expect(fixture.euler.count >= 4)
        for (item, config) in zip(fixture.euler, configs["euler"]!) {
            let sampler = try EulerDiscreteScheduler(try SchedulerConfig(data: config, source: item.name), steps: item.steps)
            #expect(firstMismatch(sampler.sigmas, try #require(item.sigmas)) == nil, "\(item.name): sigmas")
            try Self.check(sampler, against: item)
        }
    }

    /// How much √ᾱ·x and √(1−ᾱ)·ε move when ᾱ moves by four float32 ulps: PyTorch's float32
    /// square root is not correctly rounded, so diffusers' ᾱ after the zero-SNR rescale may
    /// differ from perf's by that much, and near ᾱ = 1 the √(1−ᾱ) term magnifies it.
    static func alphaRoundingEffect(_ alpha: Float, _ x: Float, _ noise: Float) -> Float {
        let shift = 4 * alpha.ulp
        let rootAlpha = alpha.squareRoot(), rootBeta = (1 - alpha).squareRoot()
        return abs(x) * shift / (2 * max(rootAlpha, 1e-4)) + abs(noise) * shift / (2 * max(rootBeta, 1e-4)) + 1e-7
    }

    /// 1e-5 relative, plus float32's rounding of the step's inputs (1e-6 of `scale`, their
    /// largest magnitude): where a step cancels large terms (a zero-SNR Euler start at σ = 4096),
    /// diffusers' own float32 result is only that exact.
    static func close(_ actual: [Float], _ expected: [Float], scale: Float) -> Bool {
        firstMismatch(actual, expected, relative: 1e-5, absolute: max(1e-6 * scale, 1e-7)) == nil
    }

    /// Timesteps and initial sigma exactly, every step from diffusers' own inputs, then the
    /// whole loop from the initial sample with perf's fake model.
    static func check(_ sampler: some DiffusionSampler, against item: SamplingCase) throws {
        #expect(sampler.timesteps == item.timesteps, "\(item.name): timesteps")
        #expect(isClose(sampler.initialNoiseSigma, item.init_noise_sigma), "\(item.name): init_noise_sigma")
        var sample = item.initial
        var largest: Float = 0
        for (index, step) in item.trajectory.enumerated() {
            let scale = (sample + step.model_output).map(abs).max() ?? 0
            largest = max(largest, scale)
            let input = sampler.scaleModelInput(sample, step: index)
            #expect(close(input, step.model_input, scale: scale), "\(item.name) step \(index): model input")
            let result = sampler.step(step.model_output, step: index, sample: sample)
            #expect(close(result.previous, step.prev_sample, scale: scale), "\(item.name) step \(index): prev_sample")
            #expect(close(result.predictedOriginal, step.pred_original_sample, scale: scale),
                    "\(item.name) step \(index): pred_original_sample")
            sample = step.prev_sample
        }
        sample = item.initial
        for index in sampler.timesteps.indices {
            let output = fakeModel(sampler.scaleModelInput(sample, step: index), timestep: sampler.timesteps[index])
            sample = sampler.step(output, step: index, sample: sample).previous
        }
        let final = try #require(item.trajectory.last).prev_sample
        #expect(close(sample, final, scale: largest), "\(item.name): whole loop")
    }
}

private extension Float {
    var double: Double { Double(self) }
}
