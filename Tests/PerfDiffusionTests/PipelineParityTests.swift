import Foundation
import PerfDiffusion
import PerfTensor
import Testing

/// A whole StableDiffusionPipeline run (10 DDIM steps, guidance 7.5, empty negative prompt,
/// fixed initial latents) against diffusers, step by step.
@Suite struct PipelineParityTests {
    @Test func tenDDIMStepsWithGuidanceMatchDiffusers() throws {
        let reference = try ReferenceOutputs.load()
        let model = try TinyModel.load()
        let steps = Int(try reference.metadata("pipeline.steps"))!
        let request = GenerationRequest(prompt: try reference.metadata("pipeline.prompt"),
                                        negativePrompt: try reference.metadata("pipeline.negative_prompt"),
                                        steps: steps, guidance: Float(try reference.metadata("pipeline.guidance"))!,
                                        initialLatents: try reference.tensor("pipeline.initial_latents"))
        var trajectory: [Tensor] = []
        let generation = try model.generate(request) { trajectory.append($0.latents) }
        #expect(trajectory.count == steps)
        for (step, latents) in trajectory.enumerated() {
            let error = relativeError(latents, try reference.tensor("pipeline.latents.\(step)"))
            #expect(error <= parityTolerance, "step \(step): relative error \(error)")
        }
        // diffusers' image: (x/2 + 0.5) clamped to [0, 1], [1, H, W, 3].
        let decoded = generation.decoded
        let unit = Tensor(shape: decoded.shape, scalars: decoded.scalars.map { min(max($0 / 2 + 0.5, 0), 1) })
        let error = relativeError(unit.permuted([0, 2, 3, 1]), try reference.tensor("pipeline.image"))
        #expect(error <= parityTolerance, "image: relative error \(error)")
        #expect(generation.pictures.count == 1 && generation.pictures[0].width == 16)
    }
}
