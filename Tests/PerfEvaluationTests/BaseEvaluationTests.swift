import Foundation
import PerfDiffusion
import PerfEvaluation
import PerfTestSupport
import PerfWorld
import Testing

/// The base evaluation's parts: held-out prompts, seeded sampling that does not depend on
/// batching or threads, and the judge's tally (checked on the world's own renderings, which
/// the judge reads right, and on mismatched pictures, which it must count as wrong).
@Suite struct BaseEvaluationTests {
    @Test func heldOutPromptsAreHalfSinglesHalfPairsFromEvaluationSeeds() throws {
        let prompts = EvaluationPrompt.base(count: 41)
        #expect(prompts.count == 41)
        #expect(prompts.filter { $0.asked.objects.count == 1 }.count == 21)
        #expect(prompts.filter { $0.asked.objects.count == 2 }.count == 20)
        #expect(prompts.allSatisfy { SeedSpace.evaluation.contains($0.seed) })
        #expect(Set(prompts.map(\.seed)).count == 41)
        #expect(prompts.prefix(2).map { $0.asked.objects.count } == [1, 2], "singles and pairs alternate")
        for prompt in prompts {
            #expect(Scene.random(seed: prompt.seed).caption == prompt.text)
        }
        #expect(EvaluationPrompt.base(count: 41) == prompts, "deterministic")
    }

    @Test func theWorldsOwnPicturesScoreFullMarksAndWrongPicturesDoNot() throws {
        let prompts = EvaluationPrompt.base(count: 40)
        let truth = prompts.map { World.standard.render(Scene.random(seed: $0.seed), seed: $0.seed) }
        let right = BaseAccuracy(prompts: prompts, pictures: truth)
        #expect(right.singles.total == 20 && right.pairs.total == 20)
        #expect(right.singles.rate == 1 && right.pairs.rate == 1, "\(right.outcomes.filter { !$0.allRight }.map(\.misses))")
        #expect(right.attributeRates.map(\.name) == ["count", "shape", "colour", "size", "position", "background"])
        // Each picture judged against the next prompt: mostly wrong, and the misses say why.
        let shifted = BaseAccuracy(prompts: prompts, pictures: Array(truth.dropFirst()) + [truth[0]])
        #expect(shifted.singles.rate < 0.2 && shifted.pairs.rate < 0.2)
        #expect(shifted.attributes["count"]?.rate == 0, "singles and pairs alternate, so every count is wrong")
        #expect(shifted.outcomes.allSatisfy { $0.allRight || !$0.misses.isEmpty })
    }

    @Test func aPromptsPictureDoesNotDependOnItsBatchOrThreads() throws {
        let directory = try TemporaryDirectory("perf-eval")
        let model = try Self.tinyModel(in: directory)
        let prompts = EvaluationPrompt.base(count: 5).map { ($0.text, $0.seed) }
        var sampler = PromptSampler(model: model)
        sampler.steps = 3
        sampler.batchSize = 5
        let together = try sampler.pictures(prompts)
        sampler.batchSize = 2
        sampler.workers = 2
        let split = try sampler.pictures(prompts)
        #expect(together.count == 5 && together.allSatisfy { $0.width == 16 && $0.height == 16 })
        for (a, b) in zip(together, split) {
            let difference = zip(a.values, b.values).map { abs($0 - $1) }.max() ?? 0
            #expect(difference < 1e-4)
        }
        #expect(together[0].values != together[1].values)
    }

    /// A freshly initialised 16×16 model of the world's words, written and loaded as a folder.
    static func tinyModel(in directory: TemporaryDirectory) throws -> StableDiffusion {
        var architecture = BaseModelArchitecture()
        architecture.pictureSize = 16
        architecture.channels = [8, 16]
        architecture.crossAttention = [false, true]
        architecture.attentionHeads = 2
        architecture.normGroups = 4
        architecture.textWidth = 16
        architecture.textLayers = 1
        architecture.textHeads = 2
        architecture.trainTimesteps = 100
        let model = try BaseModel.initialized(architecture, vocabulary: WordVocabulary(words: Vocabulary.words), seed: 3)
        try model.write(to: directory.path("model"))
        return try StableDiffusion(at: directory.path("model"))
    }
}
