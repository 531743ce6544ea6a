import Foundation
import PerfDiffusion
import PerfTensor
import Testing

/// The generation loop beyond the diffusers fixture: seeds, samplers, guidance off, bad requests.
@Suite struct GenerationTests {
    @Test func theSameSeedGivesTheSamePictures() throws {
        let model = try TinyModel.load()
        let request = GenerationRequest(prompt: "a red circle", steps: 2, seed: 42, batch: 2)
        let first = try model.generate(request), second = try model.generate(request)
        #expect(first.pictures == second.pictures)
        #expect(first.latents.scalars == second.latents.scalars)
        #expect(first.pictures.count == 2 && first.pictures[0] != first.pictures[1])
        var other = request
        other.seed = 43
        #expect(try model.generate(other).latents.scalars != first.latents.scalars)
    }

    @Test func eulerAndUnguidedSamplingRun() throws {
        let model = try TinyModel.load()
        var noise = SeededRandom(seed: 1)
        let initial = Tensor.randomNormal([1, 4, 8, 8], using: &noise)
        let ddim = try model.sample(GenerationRequest(prompt: "a star", steps: 3, sampler: .ddim), from: initial)
        let euler = try model.sample(GenerationRequest(prompt: "a star", steps: 3, sampler: .euler), from: initial)
        let unguided = try model.sample(GenerationRequest(prompt: "a star", steps: 3, guidance: 1), from: initial)
        #expect(ddim.shape == [1, 4, 8, 8] && euler.shape == ddim.shape && unguided.shape == ddim.shape)
        #expect(relativeError(euler, ddim) > 1e-3)
        #expect(relativeError(unguided, ddim) > 1e-3)
        #expect(euler.scalars.allSatisfy { $0.isFinite })
    }

    @Test func progressIsReportedAfterEveryStep() throws {
        let model = try TinyModel.load()
        var reported: [Int] = []
        _ = try model.generate(GenerationRequest(prompt: "", steps: 3)) { reported.append($0.completed) }
        #expect(reported == [1, 2, 3])
    }

    @Test func largerLatentsGiveLargerPictures() throws {
        let model = try TinyModel.load()
        let generation = try model.generate(GenerationRequest(prompt: "a heart", steps: 1, latentSize: (4, 6)))
        #expect(generation.pictures[0].height == 8 && generation.pictures[0].width == 12)
    }

    @Test func badRequestsAreRefused() throws {
        let model = try TinyModel.load()
        #expect(throws: DiffusionError.self) { try model.generate(GenerationRequest(prompt: "x", steps: 0)) }
        #expect(throws: DiffusionError.self) { try model.generate(GenerationRequest(prompt: "x", steps: 1, batch: 0)) }
        #expect(throws: DiffusionError.self) { try model.generate(GenerationRequest(prompt: "x", steps: 1, latentSize: (5, 8))) }
        #expect(throws: DiffusionError.self) {
            try model.generate(GenerationRequest(prompt: "x", steps: 1, initialLatents: Tensor.zeros([1, 3, 8, 8])))
        }
        #expect(throws: DiffusionError.self) {
            try model.generate(GenerationRequest(prompt: "x", steps: 1, batch: 2, initialLatents: Tensor.zeros([1, 4, 8, 8])))
        }
    }
}
