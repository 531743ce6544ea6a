import Dispatch
import Foundation
import PerfDiffusion
import PerfPerfusion
import PerfTensor
import PerfWorld

/// Generates one picture per prompt, each from its own seed's noise, so that a picture does
/// not depend on which prompts share its batch or thread.
public struct PromptSampler: Sendable {
    /// The base model.
    public let model: StableDiffusion
    /// Sampling steps.
    public var steps = 50
    /// Classifier-free guidance scale.
    public var guidance: Float = 1.5
    /// The sampler; nil takes the model's.
    public var sampler: SamplerKind?
    /// Pictures per UNet batch.
    public var batchSize = 32
    /// Batches sampled at once, each on its own thread (run the engine single-threaded
    /// with `PerfTensor.configureThreads(1)` when above 1).
    public var workers = 1

    /// A sampler of `model` with the evaluation's defaults: 50 steps, guidance 1.5.
    public init(model: StableDiffusion) {
        self.model = model
    }

    /// The pictures of `prompts` (one each), with `concepts` applied through the base's
    /// `inverseCovariance` when given.
    public func pictures(_ prompts: [(text: String, seed: UInt64)], concepts: [Concept] = [],
                         inverseCovariance: InverseCovariance? = nil) throws -> [PlanarImage] {
        let batches = stride(from: 0, to: prompts.count, by: max(batchSize, 1)).map { start in
            Array(prompts[start ..< min(start + max(batchSize, 1), prompts.count)])
        }
        let sampled = try ConcurrentWork.map(count: batches.count, workers: workers) { index in
            try batch(batches[index], concepts: concepts, inverseCovariance: inverseCovariance)
        }
        return sampled.flatMap { $0 }
    }

    /// One batch's pictures.
    private func batch(_ prompts: [(text: String, seed: UInt64)], concepts: [Concept],
                       inverseCovariance: InverseCovariance?) throws -> [PlanarImage] {
        let config = model.unet.config, side = config.sampleSize ?? 32
        let noise = prompts.flatMap { prompt -> [Float] in
            var generator = SeededRandom(seed: prompt.seed)
            return Tensor.randomNormal([config.inChannels * side * side], using: &generator).scalars
        }
        var request = GenerationRequest(prompt: prompts[0].text, steps: steps, guidance: guidance, batch: prompts.count, sampler: sampler,
                                        initialLatents: Tensor(shape: [prompts.count, config.inChannels, side, side], scalars: noise))
        request.prompts = prompts.map(\.text)
        if let inverseCovariance {
            try request.apply(concepts, inverseCovariance: inverseCovariance, model: model)
        }
        let decoded = try model.generate(request).decoded
        let area = 3 * decoded.shape[2] * decoded.shape[3]
        return try (0..<prompts.count).map { item in
            try PlanarImage(width: decoded.shape[3], height: decoded.shape[2],
                            values: decoded.scalars[item * area ..< (item + 1) * area].map { min(max($0, -1), 1) })
        }
    }
}
