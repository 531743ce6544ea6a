import Foundation
import PerfBundle
import PerfDiffusion
import PerfManifest
import PerfPerfusion
import PerfWorld

/// The comparisons `perf eval --comparisons` trains beside a concept (DESIGN §5): an
/// embedding-only concept (textual inversion) and Perfusion with unlocked keys, each on the
/// concept's own training pictures with its recorded budget (steps, learning rates, seed).
/// The pictures are rendered again the way `perf world render --look LOOK --seed 0` renders
/// them, and must be byte for byte the ones the concept's perf.json records.
enum EvalComparisons {
    /// The two comparison concepts of `subject`; the pictures go to `folder`.
    static func train(_ subject: EvalSubject, model: StableDiffusion, inverse: InverseCovariance,
                      folder: URL) throws -> [(ConceptVariant, Concept)] {
        guard let training = subject.manifest.training, !training.images.isEmpty else {
            throw CLIError.invalidArgument("--comparisons", value: subject.name,
                                           expected: "a concept whose perf.json records its training (steps, learning rates, pictures)")
        }
        let pictures = folder.appendingPathComponent("pictures")
        try FileManager.default.createDirectory(at: pictures, withIntermediateDirectories: true)
        let world = World.standard
        for (index, recorded) in training.images.enumerated() {
            let seed = UInt64(index)
            let rendered = world.render(Scene.random(look: subject.look, seed: seed), seed: seed)
            let url = pictures.appendingPathComponent(String(format: "%05d.png", index))
            try Picture(width: rendered.width, height: rendered.height, format: .rgb, pixels: rendered.rgb8).writePNG(to: url)
            guard try Digest(sha256Hex: ContentDigest.sha256Hex(Data(contentsOf: url))) == recorded.sha256 else {
                throw CLIError.invalidArgument("--comparisons", value: subject.name,
                                               expected: "a concept trained on `perf world render --look \(subject.look.name) --seed 0` pictures; "
                                                   + "picture \(index + 1) (\(recorded.file)) is not that rendering")
            }
        }
        let set = try TrainingSet(images: pictures, masks: nil, model: model)
        return try [ConceptVariant.embeddingOnly, .unlockedKeys].map { variant in
            var settings = ConceptTrainer.Settings(token: subject.concept.token, superclass: subject.concept.superclass, model: model)
            settings.steps = training.steps
            settings.seed = UInt64(training.seed)
            settings.embeddingLearningRate = Float(training.learningRates.embedding)
            settings.valueLearningRate = Float(training.learningRates.values)
            settings.locking = subject.concept.locking
            settings.variant = variant
            var trainer = try ConceptTrainer(model: model, inverseCovariance: inverse, pictures: set, settings: settings)
            let bar = ProgressBar("\(subject.name) \(variant.rawValue)")
            for step in 0..<settings.steps {
                try trainer.train()
                bar.update(step + 1, of: settings.steps)
            }
            var trained = trainer.result
            trained.gate = subject.concept.gate
            return (variant, trained)
        }
    }
}
