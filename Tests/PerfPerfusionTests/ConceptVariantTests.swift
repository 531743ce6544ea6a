import Foundation
import PerfDiffusion
import PerfPerfusion
import PerfTensor
import PerfTestSupport
import Testing

/// The two comparisons `perf eval` trains beside Perfusion: an embedding-only concept
/// (textual inversion) learns its embedding alone and edits nothing; unlocked keys learn a
/// key target per layer, starting where key locking would fix it, with gradients that match
/// central differences. Neither can be saved as a concept file.
@Suite struct ConceptVariantTests {
    static func trainer(_ variant: ConceptVariant, images: URL, decay: Float = 0.99) throws -> ConceptTrainer {
        let setup = try PerfusionEditorTests.Setup()
        var settings = ConceptTrainer.Settings(token: "<test/ring>", superclass: "circle", model: setup.model)
        settings.batchSize = 2
        settings.seed = 3
        settings.targetInputDecay = decay
        settings.variant = variant
        return try ConceptTrainer(model: setup.model, inverseCovariance: setup.inverse,
                                  pictures: TrainingSet(images: images, masks: nil, model: setup.model), settings: settings)
    }

    @Test func anEmbeddingOnlyConceptLearnsItsEmbeddingAndEditsNothing() throws {
        let (dir, images, _) = try ConceptTrainerTests.pictures(count: 2)
        defer { withExtendedLifetime(dir) {} }
        var trainer = try Self.trainer(.embeddingOnly, images: images)
        let start = trainer.concept
        #expect(!start.editsAttention && start.keyTargets == nil)
        let evaluation = try trainer.evaluate(trainer.drawBatch(), concept: start, previousAverage: nil)
        #expect(evaluation.valueGradients.isEmpty && evaluation.keyGradients.isEmpty)
        for _ in 0..<3 { try trainer.train() }
        let trained = trainer.result
        #expect(trained.tokenEmbedding.scalars != start.tokenEmbedding.scalars)
        #expect(trained.valueTargets.mapValues(\.scalars) == start.valueTargets.mapValues(\.scalars))
        #expect(throws: PerfusionError.self) { try trained.file() }

        // Generation with it changes only the encoding: no editor is made.
        let setup = try PerfusionEditorTests.Setup()
        var request = GenerationRequest(prompt: "a <test/ring>", steps: 2)
        try request.apply([trained], inverseCovariance: setup.inverse, model: setup.model)
        #expect(request.editor == nil && request.promptEncoder != nil)
        #expect(throws: PerfusionError.self) {
            try PerfusionEditor(concepts: [trained], inverseCovariance: setup.inverse, layers: setup.model.unet.crossAttentions)
        }
    }

    @Test func unlockedKeysStartLockedAndTheirGradientsMatchCentralDifferences() throws {
        let (dir, images, _) = try ConceptTrainerTests.pictures(count: 2)
        defer { withExtendedLifetime(dir) {} }
        var trainer = try Self.trainer(.unlockedKeys, images: images, decay: 0)
        let concept = trainer.concept
        let keys = try #require(concept.keyTargets)
        #expect(keys.mapValues(\.scalars) == (try Concept.lockedKeyTargets(concept.superclassInput, unet: trainer.model.unet)).mapValues(\.scalars))
        #expect(Set(keys.keys) == Set(trainer.model.unet.crossAttentions.map(\.path)))

        // Before training, learned keys equal locked ones: the same loss as Perfusion's.
        let batch = trainer.drawBatch()
        var locked = concept
        locked.keyTargets = nil
        let unlocked = try trainer.evaluate(batch, concept: concept, previousAverage: nil)
        #expect(abs(unlocked.loss - (try trainer.evaluate(batch, concept: locked, previousAverage: nil).loss)) <= 1e-6 * unlocked.loss)

        let path = trainer.model.unet.crossAttentions.last!.path
        let gradient = try #require(unlocked.keyGradients[path])
        let numeric = try PerfusionGradientTests.directional({ moved in
            var changed = concept
            changed.keyTargets![path] = moved
            return try trainer.evaluate(batch, concept: changed, previousAverage: nil).loss
        }, at: keys[path]!, along: gradient, h: 0.02)
        let norm = PerfusionGradientTests.norm(gradient)
        #expect(norm > 0 && abs(numeric - norm) <= 0.03 * norm, "numeric \(numeric), gradient \(norm)")

        for _ in 0..<3 { try trainer.train() }
        #expect(trainer.result.keyTargets?[path]?.scalars != keys[path]!.scalars)
        #expect(throws: PerfusionError.self) { try trainer.result.file() }
    }
}
