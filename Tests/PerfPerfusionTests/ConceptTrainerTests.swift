import Foundation
import PerfDiffusion
import PerfPerfusion
import PerfTensor
import PerfTestSupport
import Testing

/// Concept training on the tiny diffusers model: the loss's gradients against central
/// differences (embedding and value targets), determinism for a seed, overfitting one batch,
/// masks weighting the loss, per-picture captions and no mirroring, and clear errors for bad
/// training input.
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

    @Test func picturesOwnCaptionsReplaceTheTemplatesAndMirroringCanBeTurnedOff() throws {
        let (dir, images, _) = try Self.pictures(count: 2)
        let captions = dir.path("captions")
        try FileManager.default.createDirectory(at: captions, withIntermediateDirectories: true)
        let written = ["ring-0": "a large {} on the left", "ring-1": "a small {} at the top"]
        for (stem, caption) in written { try Data((caption + "\n").utf8).write(to: captions.appendingPathComponent(stem + ".txt")) }
        let setup = try PerfusionEditorTests.Setup()
        let set = try TrainingSet(images: images, masks: nil, captions: captions, model: setup.model)
        #expect(set.items.map(\.caption) == ["a large {} on the left", "a small {} at the top"])
        #expect(set.items.map { $0.captionFile?.lastPathComponent } == ["ring-0.txt", "ring-1.txt"])

        func batches(mirror: Bool) throws -> [ConceptBatch] {
            var settings = ConceptTrainer.Settings(token: "<test/ring>", superclass: "circle", model: setup.model)
            settings.batchSize = 4
            settings.mirror = mirror
            var trainer = try ConceptTrainer(model: setup.model, inverseCovariance: setup.inverse, pictures: set, settings: settings)
            return (0..<6).map { _ in trainer.drawBatch() }
        }
        let plain = try batches(mirror: false), mirrored = try batches(mirror: true)
        // Each sample is its picture unmirrored, captioned with its own caption.
        let unmirrored = set.items.map(\.samples[0].scalars)
        let captionOf = Dictionary(uniqueKeysWithValues: set.items.map { ($0.samples[0].scalars, $0.caption!) })
        for batch in plain {
            for index in 0..<4 {
                let sample = batch.clean.slice(axis: 0, index ..< index + 1).scalars
                #expect(unmirrored.contains(sample))
                #expect(batch.captions[index] == captionOf[sample]?.replacingOccurrences(of: "{}", with: "<test/ring>"))
            }
        }
        // Mirroring draws the same pictures, captions and noise, flipping some of them.
        #expect(zip(plain, mirrored).allSatisfy { $0.captions == $1.captions && $0.noise.scalars == $1.noise.scalars })
        let flipped = mirrored.flatMap { batch in (0..<4).map { batch.clean.slice(axis: 0, $0 ..< $0 + 1).scalars } }
        #expect(flipped.contains { !unmirrored.contains($0) })

        // Missing, empty, multi-line and placeholder-less captions are refused, naming the file.
        let bad: [(String?, String)] = [(nil, "has no caption file"), ("", "holds 0 lines"), ("a {}\na {}", "holds 2 lines"),
                                        ("a large ring", "has no {}")]
        for (text, message) in bad {
            let file = captions.appendingPathComponent("ring-1.txt")
            try? FileManager.default.removeItem(at: file)
            if let text { try Data(text.utf8).write(to: file) }
            let error = #expect(throws: PerfusionError.self) { try TrainingSet(images: images, masks: nil, captions: captions, model: setup.model) }
            #expect(error?.description.contains(message) == true && error?.description.contains("ring-1") == true,
                    "\(String(describing: error))")
        }
    }
}
