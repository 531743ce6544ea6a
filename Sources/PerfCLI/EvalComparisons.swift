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
/// them (with their caption files, if the concept was trained with captions), and must be byte
/// for byte the ones the concept's perf.json records.
enum EvalComparisons {
    /// Throws unless `url`'s bytes are the ones `recorded` names.
    private static func check(_ url: URL, _ recorded: ConceptManifest.Training.TrainedFile, _ subject: EvalSubject, what: String) throws {
        guard try Digest(sha256Hex: ContentDigest.sha256Hex(Data(contentsOf: url))) == recorded.sha256 else {
            throw CLIError.invalidArgument("--comparisons", value: subject.name,
                                           expected: "a concept trained on `perf world render --look \(subject.look.name) --seed 0` pictures "
                                               + "and caption files; \(what) (\(recorded.file)) is not that rendering")
        }
    }

    /// The two comparison concepts of `subject`; the pictures go to `folder`.
    static func train(_ subject: EvalSubject, model: StableDiffusion, inverse: InverseCovariance,
                      folder: URL) throws -> [(ConceptVariant, Concept)] {
        guard let training = subject.manifest.training, !training.images.isEmpty else {
            throw CLIError.invalidArgument("--comparisons", value: subject.name,
                                           expected: "a concept whose perf.json records its training (steps, learning rates, pictures)")
        }
        let pictures = folder.appendingPathComponent("pictures")
        let captions = folder.appendingPathComponent("captions")
        try FileManager.default.createDirectory(at: pictures, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: captions, withIntermediateDirectories: true)
        let world = World.standard
        for (index, recorded) in training.images.enumerated() {
            let seed = UInt64(index)
            let scene = Scene.random(look: subject.look, seed: seed)
            let rendered = world.render(scene, seed: seed)
            let url = pictures.appendingPathComponent(String(format: "%05d.png", index))
            try Picture(width: rendered.width, height: rendered.height, format: .rgb, pixels: rendered.rgb8).writePNG(to: url)
            try check(url, recorded, subject, what: "picture \(index + 1)")
            if let recordedCaption = training.captions?.first(where: { $0.file == String(format: "%05d.txt", index) }) {
                let captionURL = captions.appendingPathComponent(recordedCaption.file)
                try WorldRenderCommand.conceptCaption(scene).write(to: captionURL)
                try check(captionURL, recordedCaption, subject, what: "picture \(index + 1)'s caption")
            }
        }
        if let recorded = training.captions, recorded.count != training.images.count {
            throw CLIError.invalidArgument("--comparisons", value: subject.name, expected: "a concept trained with `perf world render --look "
                                           + "\(subject.look.name) --seed 0`'s caption files, one per picture (it records \(recorded.count) "
                                           + "for \(training.images.count) pictures)")
        }
        let set = try TrainingSet(images: pictures, masks: nil, captions: training.captions == nil ? nil : captions, model: model)
        return try [ConceptVariant.embeddingOnly, .unlockedKeys].map { variant in
            var settings = ConceptTrainer.Settings(token: subject.concept.token, superclass: subject.concept.superclass, model: model)
            settings.steps = training.steps
            settings.seed = UInt64(training.seed)
            settings.embeddingLearningRate = Float(training.learningRates.embedding)
            settings.valueLearningRate = Float(training.learningRates.values)
            settings.locking = subject.concept.locking
            settings.mirror = training.mirrored
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
