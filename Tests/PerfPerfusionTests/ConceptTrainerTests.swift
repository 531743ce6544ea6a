import Foundation
import PerfDiffusion
import PerfPerfusion
import PerfTensor
import PerfTestSupport
import Testing

/// Concept training on the tiny diffusers model: the loss's gradients against central
/// differences (embedding and value targets), determinism for a seed, overfitting one batch,
/// masks weighting the loss, and clear errors for bad training input.
@Suite struct ConceptTrainerTests {
    /// A folder of `count` 16×16 pictures of a red ring on white (and masks of the ring's disc).
    static func pictures(count: Int, masks: Bool = false) throws -> (TemporaryDirectory, URL, URL?) {
        let dir = try TemporaryDirectory("perf-train")
        let images = dir.path("images"), maskFolder = dir.path("masks")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        if masks { try FileManager.default.createDirectory(at: maskFolder, withIntermediateDirectories: true) }
        for index in 0..<count {
            var pixels = [UInt8](), maskPixels = [UInt8]()
            for y in 0..<16 {
                for x in 0..<16 {
                    let r = (Double(x - 8 - index).magnitude * Double(x - 8 - index).magnitude + Double(y - 8) * Double(y - 8)).squareRoot()
                    pixels += r < 6 && r > 3 ? [220, 30, 30] : [250, 250, 250]
                    maskPixels += r < 6 ? [255, 255, 255] : [0, 0, 0]
                }
            }
            try Picture(width: 16, height: 16, format: .rgb, pixels: pixels).writePNG(to: images.appendingPathComponent("ring-\(index).png"))
            if masks {
                try Picture(width: 16, height: 16, format: .rgb, pixels: maskPixels).writePNG(to: maskFolder.appendingPathComponent("ring-\(index).png"))
            }
        }
        return (dir, images, masks ? maskFolder : nil)
    }

    static func trainer(images: URL, masks: URL? = nil, seed: UInt64 = 3, decay: Float = 0.99,
                        rates: (Float, Float)? = nil) throws -> ConceptTrainer {
        let setup = try PerfusionEditorTests.Setup()
        var settings = ConceptTrainer.Settings(token: "<test/ring>", superclass: "circle", model: setup.model)
        settings.batchSize = 2
        settings.seed = seed
        settings.targetInputDecay = decay
        if let rates { (settings.embeddingLearningRate, settings.valueLearningRate) = rates }
        return try ConceptTrainer(model: setup.model, inverseCovariance: setup.inverse,
                                  pictures: TrainingSet(images: images, masks: masks, model: setup.model), settings: settings)
    }

    @Test func theLossGradientsMatchCentralDifferences() throws {
        let (dir, images, masks) = try Self.pictures(count: 2, masks: true)
        defer { withExtendedLifetime(dir) {} }
        // Decay 0: i* is this batch's output, so the straight-through gradient is the exact one.
        var trainer = try Self.trainer(images: images, masks: masks, decay: 0)
        let batch = trainer.drawBatch()
        let concept = trainer.concept
        let evaluation = try trainer.evaluate(batch, concept: concept, previousAverage: nil)
        #expect(evaluation.loss > 0 && evaluation.loss.isFinite)
        func loss(embedding: Tensor? = nil, path: String? = nil, value: Tensor? = nil) throws -> Float {
            var moved = concept
            if let embedding { moved.tokenEmbedding = embedding }
            if let path, let value { moved.valueTargets[path] = value }
            return try trainer.evaluate(batch, concept: moved, previousAverage: nil).loss
        }
        let g = evaluation.embeddingGradient
        let numeric = try PerfusionGradientTests.directional({ try loss(embedding: $0) }, at: concept.tokenEmbedding, along: g, h: 0.02)
        let norm = PerfusionGradientTests.norm(g)
        #expect(norm > 0)
        #expect(abs(numeric - norm) <= 0.03 * norm, "embedding: numeric \(numeric), gradient \(norm)")
        for path in [trainer.model.unet.crossAttentions.first!.path, trainer.model.unet.crossAttentions.last!.path] {
            let gv = try #require(evaluation.valueGradients[path])
            let numericValue = try PerfusionGradientTests.directional({ try loss(path: path, value: $0) },
                                                                      at: concept.valueTargets[path]!, along: gv, h: 0.02)
            let normValue = PerfusionGradientTests.norm(gv)
            #expect(normValue > 0)
            #expect(abs(numericValue - normValue) <= 0.03 * normValue, "\(path): numeric \(numericValue), gradient \(normValue)")
        }
    }

    @Test func theSameSeedTrainsTheSameConceptAndAnotherSeedAnotherOne() throws {
        let (dir, images, _) = try Self.pictures(count: 1)
        defer { withExtendedLifetime(dir) {} }
        func trained(_ seed: UInt64) throws -> Concept {
            var trainer = try Self.trainer(images: images, seed: seed)
            for _ in 0..<3 { try trainer.train() }
            return trainer.result
        }
        let a = try trained(3), b = try trained(3), c = try trained(4)
        #expect(a.tokenEmbedding.scalars == b.tokenEmbedding.scalars && a.targetInput.scalars == b.targetInput.scalars)
        #expect(a.valueTargets.mapValues(\.scalars) == b.valueTargets.mapValues(\.scalars))
        #expect(a.tokenEmbedding.scalars != c.tokenEmbedding.scalars)
        #expect(a.gate == .inference)
    }

    @Test func repeatedStepsOnOneBatchLowerItsLoss() throws {
        let (dir, images, _) = try Self.pictures(count: 1)
        defer { withExtendedLifetime(dir) {} }
        var trainer = try Self.trainer(images: images, decay: 0, rates: (0.02, 0.05))
        let batch = trainer.drawBatch()
        let before = try trainer.evaluate(batch, concept: trainer.concept, previousAverage: nil).loss
        let initialValues = trainer.concept.valueTargets
        for _ in 0..<12 { try trainer.train(on: batch) }
        let after = try trainer.evaluate(batch, concept: trainer.concept, previousAverage: nil).loss
        #expect(after < 0.99 * before, "loss \(before) → \(after)")
        #expect(trainer.concept.valueTargets.contains { $0.value.scalars != initialValues[$0.key]!.scalars })
    }

    @Test func masksWeightTheLossAndBadInputIsRefused() throws {
        let (dir, images, masks) = try Self.pictures(count: 2, masks: true)
        let set = try TrainingSet(images: images, masks: masks, model: PerfusionFixtures.tinyModel())
        let weights = try #require(set.items.first?.weights?.first)
        #expect(weights.scalars.contains(0) && weights.scalars.contains { $0 > 0.9 })

        try FileManager.default.removeItem(at: masks!.appendingPathComponent("ring-1.png"))
        let missing = #expect(throws: PerfusionError.self) { try TrainingSet(images: images, masks: masks, model: PerfusionFixtures.tinyModel()) }
        #expect(missing?.description.contains("ring-1.png") == true && missing?.description.contains("has no mask") == true)
        let empty = dir.path("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = #expect(throws: PerfusionError.self) { try TrainingSet(images: empty, masks: nil, model: PerfusionFixtures.tinyModel()) }
        #expect(none?.description.contains("no PNG or JPEG") == true)

        let setup = try PerfusionEditorTests.Setup()
        var settings = ConceptTrainer.Settings(token: "<test/ring>", superclass: "zebra", model: setup.model)
        settings.batchSize = 1
        let unknown = #expect(throws: PerfusionError.self) {
            try ConceptTrainer(model: setup.model, inverseCovariance: setup.inverse,
                               pictures: TrainingSet(images: images, masks: nil, model: setup.model), settings: settings)
        }
        #expect(unknown?.description.contains("zebra") == true, "\(String(describing: unknown))")
    }
}
