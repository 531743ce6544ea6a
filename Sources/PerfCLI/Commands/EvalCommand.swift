import ArgumentParser
import Foundation
import PerfDiffusion
import PerfEvaluation
import PerfTensor
import PerfWorld

/// `perf eval`: measures the base model on held-out prompts of the built-in world (DESIGN §5)
/// with the judge, and writes the numbers as JSON beside PNG plots and sample pictures.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Judge a base model on held-out prompts of the built-in world.",
        discussion: """
            Generates one picture for each of --prompts held-out captions (half with one object,
            half with two; their scenes never appear in training), reads every picture with the
            judge, and reports per attribute how often the picture shows what the prompt asks, and
            how many prompts are fully right. Writes DIR/eval.json, DIR/base-accuracy.png and
            DIR/base-samples.png (the first pictures, enlarged).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The base model: an installed base package (scope/name), a base package folder or a diffusers model folder (default: the project's locked base, else PERF_HOME/config.json's base).")
    var base: String?

    @Option(help: "Held-out prompts to judge.")
    var prompts = 500

    @Option(help: "Sampling steps.")
    var steps = 50

    @Option(help: "Guidance scale.")
    var guidance: Float = 1.5

    @Option(name: .shortAndLong, help: "The folder to write the report, plots and samples to (created if missing).")
    var output = "eval"

    @OptionGroup var engine: EngineOptions

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        if prompts < 1 { throw ValidationError("--prompts must be at least 1") }
        if steps < 1 { throw ValidationError("--steps must be at least 1") }
    }

    func run() async throws {
        global.bootstrapLogging()
        engine.configure()
        let start = Date()
        let folder = URL(fileURLWithPath: output, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIError.fileNotFound(folder.path, what: "writable folder", fix: "choose another --output")
        }
        let selection = try BaseSelection.select(base)
        let model = try StableDiffusion(at: selection.modelFolder)
        var sampler = PromptSampler(model: model)
        sampler.steps = steps
        sampler.guidance = guidance
        sampler.workers = engine.threads ?? PerfTensor.threadCount
        if sampler.workers > 1 { PerfTensor.configureThreads(1) }
        let heldOut = EvaluationPrompt.base(count: prompts)
        let bar = ProgressBar("judging")
        var pictures: [PlanarImage] = []
        for start in stride(from: 0, to: heldOut.count, by: 64) {
            let chunk = heldOut[start ..< min(start + 64, heldOut.count)]
            pictures += try sampler.pictures(chunk.map { ($0.text, $0.seed) })
            bar.update(pictures.count, of: heldOut.count)
        }
        let accuracy = BaseAccuracy(prompts: heldOut, pictures: pictures)
        let report = EvalReport(base: selection.package.map { "\($0.manifest.name)@\($0.manifest.version)" } ?? selection.modelFolder.path,
                                steps: steps, guidance: guidance, sampler: model.defaultSampler.rawValue,
                                prompts: heldOut.count, base: accuracy, seconds: Date().timeIntervalSince(start))
        try AtomicFile.write(try Output.jsonData(report), to: folder.appendingPathComponent("eval.json"))
        try EvalPictures.samples(pictures.prefix(32), columns: 8).writePNG(to: folder.appendingPathComponent("base-samples.png"))
        if json { try Output.json(report); return }
        Output.line(report.summary)
        Output.line("Wrote \(folder.appendingPathComponent("eval.json").path) and base-samples.png")
    }
}

/// What `perf eval` writes to eval.json (and prints with --json).
struct EvalReport: Codable {
    let baseModel: String
    let steps: Int
    let guidance: Float
    let sampler: String
    let prompts: Int
    let singlesFullyRight: Double
    let pairsFullyRight: Double
    let attributes: [String: Double]
    let base: BaseAccuracy
    let seconds: Double

    init(base name: String, steps: Int, guidance: Float, sampler: String, prompts: Int, base: BaseAccuracy, seconds: Double) {
        baseModel = name
        self.steps = steps
        self.guidance = guidance
        self.sampler = sampler
        self.prompts = prompts
        singlesFullyRight = base.singles.rate
        pairsFullyRight = base.pairs.rate
        attributes = Dictionary(uniqueKeysWithValues: base.attributeRates.map { ($0.name, $0.tally.rate) })
        self.base = base
        self.seconds = seconds
    }

    /// The lines a person reads.
    var summary: String {
        let rates = base.attributeRates.map { "\($0.name) \(Self.percent($0.tally.rate))" }.joined(separator: ", ")
        return "\(baseModel), \(prompts) held-out prompts (\(sampler), \(steps) steps, guidance \(guidance)):\n"
            + "  one object fully right \(Self.percent(singlesFullyRight)) (\(base.singles.correct)/\(base.singles.total)), "
            + "two objects \(Self.percent(pairsFullyRight)) (\(base.pairs.correct)/\(base.pairs.total))\n"
            + "  attributes: \(rates)\n"
            + String(format: "  %.0f s", seconds)
    }

    static func percent(_ rate: Double) -> String { String(format: "%.1f%%", 100 * rate) }
}

/// Pictures for people to look at.
enum EvalPictures {
    /// `pictures` in a grid of `columns`, each enlarged 4× (nearest neighbour) with a 2-pixel white gap.
    static func samples<C: Collection>(_ pictures: C, columns: Int, scale: Int = 4) throws -> Picture where C.Element == PlanarImage {
        let enlarged = try pictures.map { picture -> Picture in
            let (width, height) = (picture.width * scale, picture.height * scale)
            let rgb = picture.rgb8
            var pixels = [UInt8](repeating: 255, count: (width + 2) * (height + 2) * 3)
            for y in 0..<height {
                for x in 0..<width {
                    let source = ((y / scale) * picture.width + x / scale) * 3, target = ((y + 1) * (width + 2) + x + 1) * 3
                    pixels[target ..< target + 3] = rgb[source ..< source + 3]
                }
            }
            return try Picture(width: width + 2, height: height + 2, format: .rgb, pixels: pixels)
        }
        return try Picture.grid(enlarged, columns: columns)
    }
}
