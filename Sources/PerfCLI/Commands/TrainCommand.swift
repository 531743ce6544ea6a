import ArgumentParser
import Foundation
import PerfBundle
import PerfDiffusion
import PerfManifest
import PerfPerfusion
import PerfSafeTensors

/// `perf train --base S/N --images DIR [--masks DIR] --superclass WORD --name S/N --version V`:
/// learns a concept from a few pictures on a frozen base (DESIGN §1, §4) and writes its
/// bundle: float16 tensors in `concept.safetensors`, the training's provenance in `perf.json`.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a concept from a few pictures and write its bundle.",
        discussion: "One picture is enough (one-shot); more pictures of the same object generalise better. Pictures are PNG or "
            + "JPEG, scaled and centre-cropped to the model's resolution, and mirrored at random (--no-mirror keeps them as they are: "
            + "for captions that say left or right, or a concept that differs from its mirror image). With --masks, each "
            + "picture's mask (same name) weights the loss. With --captions, each picture's caption file (same name, .txt, one "
            + "line with {} where the concept is: \"a large {} on the left\") replaces the templates, so that the concept's "
            + "token need not explain what the caption says. The same seed and thread count give the same concept."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The base model: an installed base package (scope/name) or a base package folder (perf base import).")
    var base: String?

    @Option(help: "A folder of PNG or JPEG pictures of the concept.")
    var images: String

    @Option(help: "A folder of masks, one per picture with the same name (white: the concept).")
    var masks: String?

    @Option(help: "A folder of captions, NAME.txt for each picture NAME, one line with {} for the concept.")
    var captions: String?

    @Flag(inversion: .prefixedNo, help: "Mirror pictures at random.")
    var mirror = true

    @Option(help: "The concept's superordinate category, a word the base knows (\"circle\", \"teddy\"): the keys are locked to it.")
    var superclass: String

    @Option(help: "The concept's package name, scope/name.")
    var name: String

    @Option(help: "The concept's version.")
    var version: String = "0.1.0"

    @Option(help: "The token that stands for the concept in prompts (default: <scope/name>).")
    var token: String?

    @Option(help: "Training steps.")
    var steps = 400

    @Option(help: "Pictures per step.")
    var batch = 4

    @Option(help: "Key locking: local (default) or global.")
    var lock: KeyLocking = .local

    @Option(help: "Learning rate of the token embedding (default: 0.006 for Stable Diffusion's width, 0.002 for small models).")
    var embeddingLR: Float?

    @Option(help: "Learning rate of the value targets (default: 0.03 for Stable Diffusion's width, 0.003 for small models).")
    var valuesLR: Float?

    @Option(help: "A file of caption templates, one per line, {} standing for the concept.")
    var templates: String?

    @Option(help: "Seed of every random choice.")
    var seed: UInt64 = 0

    @OptionGroup var engine: EngineOptions

    @Option(name: .long, help: "The concept's description.")
    var description: String?

    @Option(help: "The concept's licence (an SPDX identifier).")
    var license = "CC-BY-4.0"

    @Option(name: .shortAndLong, help: "The bundle to write (default: ./NAME-VERSION.perf).")
    var output: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        global.bootstrapLogging()
        engine.configure()
        let start = Date()
        guard let packageName = PackageName(name) else {
            throw CLIError.invalidArgument("--name", value: name, expected: "scope/name, lowercase letters, digits, - and _")
        }
        guard let semver = SemanticVersion(version) else {
            throw CLIError.invalidArgument("--version", value: version, expected: "a semantic version such as 1.0.0")
        }
        if captions != nil, templates != nil {
            throw CLIError.invalidArgument("--templates", value: templates ?? "", expected: "no templates with --captions (every picture has its own caption); "
                                           + "pass one of the two")
        }
        let selection = try BaseSelection.select(base)
        guard let selected = selection.package else {
            throw CLIError.invalidArgument("--base", value: base ?? "", expected: "a base package (a concept records its base's name, version "
                                           + "and weights digest): register the model folder with `perf base import` first")
        }
        let model = try StableDiffusion(at: selection.modelFolder)
        let inverse = try BaseSelection.inverseCovariance(selected.folder.path, folder: model.folder, encoder: model.textEncoder)
        let imagesURL = URL(fileURLWithPath: images, isDirectory: true)
        let masksURL = masks.map { URL(fileURLWithPath: $0, isDirectory: true) }
        let captionsURL = captions.map { URL(fileURLWithPath: $0, isDirectory: true) }
        let pictures = try TrainingSet(images: imagesURL, masks: masksURL, captions: captionsURL, model: model)

        var settings = ConceptTrainer.Settings(token: token ?? "<\(packageName)>", superclass: superclass, model: model)
        settings.steps = steps
        settings.batchSize = batch
        settings.locking = lock
        settings.seed = seed
        settings.mirror = mirror
        if let embeddingLR { settings.embeddingLearningRate = embeddingLR }
        if let valuesLR { settings.valueLearningRate = valuesLR }
        if let templates {
            let lines = try String(contentsOfFile: templates, encoding: .utf8).split(separator: "\n").map(String.init).filter { $0.contains("{}") }
            guard !lines.isEmpty else { throw CLIError.invalidArgument("--templates", value: templates, expected: "a file of lines holding {}") }
            settings.templates = lines
        }
        var trainer = try ConceptTrainer(model: model, inverseCovariance: inverse, pictures: pictures, settings: settings)
        let bar = ProgressBar("training")
        var lastLoss: Float = 0
        for _ in 0..<steps {
            lastLoss = try trainer.train().loss
            bar.update(trainer.step, of: steps, note: String(format: "loss %.4f", lastLoss))
        }

        let manifest = ConceptManifest(
            name: packageName, version: semver,
            description: description ?? "\(superclass) concept trained by perf train from \(pictures.items.count) picture\(pictures.items.count == 1 ? "" : "s")",
            license: license, authors: [], token: settings.token, superclass: superclass,
            base: .init(name: selected.manifest.name, requirement: "^\(selected.manifest.version)", digest: selected.manifest.weightsDigest),
            gate: .init(beta: Self.decimal(ConceptGate.inference.beta), tau: Self.decimal(ConceptGate.inference.tau),
                        locking: lock == .global ? .global : .local),
            dependencies: [:],
            training: .init(steps: steps,
                            learningRates: .init(embedding: Self.decimal(settings.embeddingLearningRate), values: Self.decimal(settings.valueLearningRate)),
                            seed: Int(seed), images: try pictures.items.map { try Self.trainedFile($0.file) },
                            masks: masksURL == nil ? .used(false) : .files(try pictures.items.compactMap { try $0.mask.map(Self.trainedFile) }),
                            captions: captionsURL == nil ? nil : try pictures.items.compactMap { try $0.captionFile.map(Self.trainedFile) },
                            mirrored: mirror,
                            durationSeconds: (Date().timeIntervalSince(start) * 10).rounded() / 10))
        let target = URL(fileURLWithPath: output ?? "\(packageName.name)-\(semver).perf")
        let packed = try Self.writeBundle(manifest: manifest, concept: trainer.result, to: target)
        let report = TrainReport(name: packageName.description, version: semver.description, path: packed.url.path,
                                 sha256: packed.sha256, size: packed.size, steps: steps, finalLoss: lastLoss,
                                 seconds: Date().timeIntervalSince(start))
        if json { try Output.json(report) } else {
            Output.line("Trained \(report.name)@\(report.version) in \(String(format: "%.0f", report.seconds)) s "
                        + "(final loss \(String(format: "%.4f", lastLoss))): \(report.path), \(report.size) bytes")
        }
    }

    /// `value` as the decimal it prints as (0.7, not 0.699999988…), for the manifest.
    static func decimal(_ value: Float) -> Double { Double("\(value)") ?? Double(value) }

    /// The file's name and sha256, for the manifest's provenance.
    static func trainedFile(_ url: URL) throws -> ConceptManifest.Training.TrainedFile {
        let data = try Data(contentsOf: url)
        return .init(file: url.lastPathComponent, sha256: try Digest(sha256Hex: ContentDigest.sha256Hex(data)))
    }

    /// Packs perf.json and concept.safetensors (float16) into the bundle `target`, through a
    /// private staging folder that is removed afterwards.
    static func writeBundle(manifest: ConceptManifest, concept: Concept, to target: URL) throws -> PackedBundle {
        let staging = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).staging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        try manifest.encoded().write(to: staging.appendingPathComponent("perf.json"))
        try concept.write(to: staging.appendingPathComponent("concept.safetensors"), dtype: .f16)
        return try BundleArchive.pack(directory: staging, to: target)
    }
}

/// What `perf train --json` prints.
struct TrainReport: Codable {
    let name: String
    let version: String
    let path: String
    let sha256: String
    let size: Int
    let steps: Int
    let finalLoss: Float
    let seconds: Double
}

extension KeyLocking: ExpressibleByArgument {}
