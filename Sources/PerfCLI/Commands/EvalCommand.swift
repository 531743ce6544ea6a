import ArgumentParser
import Foundation
import PerfClient
import PerfDiffusion
import PerfEvaluation
import PerfManifest
import PerfPerfusion
import PerfPlot
import PerfTensor
import PerfWorld

/// `perf eval`: measures the base model on held-out prompts of the built-in world (DESIGN §5)
/// with the judge, and writes the numbers as JSON beside PNG plots and sample pictures.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Judge a base model on held-out prompts of the built-in world.",
        discussion: """
            Generates one picture for each of --prompts held-out captions (half with one object, \
            half with two; their scenes never appear in training), reads every picture with the \
            judge, and reports per attribute how often the picture shows what the prompt asks, and \
            how many prompts are fully right. Writes DIR/eval.json, DIR/base-accuracy.png and \
            DIR/base-samples.png (the first pictures, enlarged).

            With --concept S/N=LOOK (an installed concept, or a concept folder or bundle, and the \
            world look it was trained on), each concept is judged on --concept-prompts held-out \
            prompts (alone and beside another object) at its own gate and across a sweep of \
            gate biases --beta: fidelity (the look present; its mean similarity) against \
            alignment (every other attribute the prompt asks right), plotted in \
            DIR/concept-pareto.png; with two or more, the first two are also judged together.

            --comparisons trains, for each concept, an embedding-only concept (textual inversion) \
            and Perfusion with unlocked keys on the concept's own pictures (rendered again from \
            the world; their sha256 must match its perf.json) with its steps, rates and seed, \
            and judges them the same way.

            --prompts 0 skips the base model's part.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The base model: an installed base package (scope/name), a base package folder or a diffusers model folder (default: the project's locked base, else PERF_HOME/config.json's base).")
    var base: String?

    @Option(help: "Held-out prompts to judge the base model on (0: skip).")
    var prompts = 500

    @Option(name: .customLong("concept"), help: ArgumentHelp("A concept to judge and its world look (repeatable).", valueName: "S/N=LOOK"))
    var concepts: [String] = []

    @Option(help: "Held-out prompts per concept and gate.")
    var conceptPrompts = 32

    @Option(name: .customLong("beta"), help: "Gate biases of the sweep (repeatable; default 0.5 0.6 0.7 0.8 0.9).")
    var betas: [Float] = []

    @Flag(help: "Also train and judge, for each concept, an embedding-only concept and Perfusion with unlocked keys on the same pictures and budget.")
    var comparisons = false

    @Option(help: "Sampling steps.")
    var steps = 50

    @Option(help: "Guidance scale (default: the base package's, else 1.5).")
    var guidance: Float?

    @Option(name: .shortAndLong, help: "The folder to write the report, plots and samples to (created if missing).")
    var output = "eval"

    @OptionGroup var engine: EngineOptions

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        if prompts < 0 { throw ValidationError("--prompts must be 0 or more") }
        if prompts == 0 && concepts.isEmpty { throw ValidationError("nothing to judge: give --prompts above 0 or a --concept") }
        if conceptPrompts < 1 { throw ValidationError("--concept-prompts must be at least 1") }
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
        let subjects = try concepts.map(EvalSubject.init)
        let selection = try BaseSelection.select(base ?? subjects.first?.manifest.base.name.description)
        let model = try StableDiffusion(at: selection.modelFolder)
        let guidance = selection.guidance(guidance, otherwise: 1.5)
        var sampler = PromptSampler(model: model)
        sampler.steps = steps
        sampler.guidance = guidance
        sampler.workers = engine.threads ?? PerfTensor.threadCount
        if sampler.workers > 1 { PerfTensor.configureThreads(1) }
        var report = EvalReport(baseModel: selection.package.map { "\($0.manifest.name)@\($0.manifest.version)" } ?? selection.modelFolder.path,
                                steps: steps, guidance: guidance, sampler: model.defaultSampler.rawValue)
        var written = ["eval.json"]
        if prompts > 0 { try judgeBase(sampler, into: &report, folder: folder, written: &written) }
        if !subjects.isEmpty {
            let inverse = try BaseSelection.inverseCovariance(selection.package?.folder.path, folder: model.folder, encoder: model.textEncoder)
            try judgeConcepts(subjects, sampler: sampler, model: model, inverse: inverse, into: &report, folder: folder, written: &written)
        }
        report.seconds = Date().timeIntervalSince(start)
        try AtomicFile.write(try Output.jsonData(report), to: folder.appendingPathComponent("eval.json"))
        if json { try Output.json(report); return }
        Output.line(report.summary)
        Output.line("Wrote \(written.map { folder.appendingPathComponent($0).path }.joined(separator: ", "))")
    }

    /// The base model's part: held-out prompts judged, samples and the accuracy plot written.
    private func judgeBase(_ sampler: PromptSampler, into report: inout EvalReport, folder: URL, written: inout [String]) throws {
        let heldOut = EvaluationPrompt.base(count: prompts)
        let pictures = try Self.sample(heldOut, with: sampler, label: "base model")
        report.base = EvalReport.BasePart(BaseAccuracy(prompts: heldOut, pictures: pictures))
        try EvalPictures.samples(pictures.prefix(32), columns: 8).writePNG(to: folder.appendingPathComponent("base-samples.png"))
        try EvalPictures.png(EvalPlots.baseAccuracy(report.base!, prompts: heldOut.count), to: folder.appendingPathComponent("base-accuracy.png"))
        written += ["base-accuracy.png", "base-samples.png"]
    }

    /// Each concept at its gate and across the sweep (with the comparisons when asked), then the first two together.
    private func judgeConcepts(_ subjects: [EvalSubject], sampler: PromptSampler, model: StableDiffusion, inverse: InverseCovariance,
                               into report: inout EvalReport, folder: URL, written: inout [String]) throws {
        let looks = Dictionary(subjects.map { ("<\($0.name)>", $0.look) }, uniquingKeysWith: { first, _ in first })
        let sweep = betas.isEmpty ? [0.5, 0.6, 0.7, 0.8, 0.9] : betas
        for subject in subjects {
            let heldOut = EvaluationPrompt.concept(subject.name, count: conceptPrompts)
            func score(_ concept: Concept, beta: Float?, label: String, samples: String? = nil) throws -> ConceptScore {
                var concept = concept
                if let beta { concept.gate = try ConceptGate(beta: beta, tau: concept.gate.tau) }
                let pictures = try Self.sample(heldOut, with: sampler, concepts: [(subject.name, concept)], inverse: inverse,
                                               label: "\(subject.name) \(label)\(beta.map { " β \($0)" } ?? "")")
                if let samples {
                    try EvalPictures.samples(pictures.prefix(16), columns: 8).writePNG(to: folder.appendingPathComponent(samples))
                    written.append(samples)
                }
                return ConceptScore(prompts: heldOut, pictures: pictures, looks: looks, beta: beta)
            }
            var part = EvalReport.ConceptPart(name: subject.name, look: subject.look.name, pictures: subject.manifest.training?.images.count,
                                              gate: [subject.concept.gate.beta, subject.concept.gate.tau],
                                              atOwnGate: try score(subject.concept, beta: nil, label: "own gate", samples: "\(subject.fileStem)-samples.png"),
                                              sweep: try sweep.map { try score(subject.concept, beta: $0, label: "perfusion") })
            if comparisons {
                let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("perf-eval-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: scratch) }
                for (variant, concept) in try EvalComparisons.train(subject, model: model, inverse: inverse, folder: scratch) {
                    switch variant {
                    case .embeddingOnly: part.embeddingOnly = try score(concept, beta: nil, label: variant.rawValue)
                    case .unlockedKeys: part.unlockedKeys = try sweep.map { try score(concept, beta: $0, label: variant.rawValue) }
                    case .perfusion: break
                    }
                }
            }
            report.concepts.append(part)
        }
        try EvalPictures.png(EvalPlots.pareto(report.concepts), to: folder.appendingPathComponent("concept-pareto.png"))
        written.append("concept-pareto.png")
        if subjects.count >= 2 {
            let (first, second) = (subjects[0], subjects[1])
            let heldOut = EvaluationPrompt.concepts(first.name, second.name, count: conceptPrompts)
            let pictures = try Self.sample(heldOut, with: sampler, concepts: [(first.name, first.concept), (second.name, second.concept)],
                                           inverse: inverse, label: "\(first.name) with \(second.name)")
            try EvalPictures.samples(pictures.prefix(16), columns: 8).writePNG(to: folder.appendingPathComponent("pair-samples.png"))
            report.pair = EvalReport.PairPart(names: [first.name, second.name],
                                              score: ConceptScore(prompts: heldOut, pictures: pictures, looks: looks))
            written.append("pair-samples.png")
        }
    }

    /// The pictures of `prompts` (placeholders replaced by the concepts' tokens), with a progress bar.
    static func sample(_ prompts: [EvaluationPrompt], with sampler: PromptSampler, concepts: [(name: String, concept: Concept)] = [],
                       inverse: InverseCovariance? = nil, label: String) throws -> [PlanarImage] {
        let bar = ProgressBar(label)
        var pictures: [PlanarImage] = []
        let items = prompts.map { prompt in
            (text: concepts.reduce(prompt.text) { $0.replacingOccurrences(of: "<\($1.name)>", with: $1.concept.token) }, seed: prompt.seed)
        }
        for start in stride(from: 0, to: items.count, by: 64) {
            pictures += try sampler.pictures(Array(items[start ..< min(start + 64, items.count)]),
                                             concepts: concepts.map(\.concept), inverseCovariance: inverse)
            bar.update(pictures.count, of: items.count)
        }
        return pictures
    }
}

/// A `--concept S/N=LOOK` value: the concept and the world look it shows.
struct EvalSubject {
    let name: String
    let concept: Concept
    let manifest: ConceptManifest
    let look: Look

    init(_ argument: String) throws {
        guard let split = argument.lastIndex(of: "="), let look = Look.named(String(argument[argument.index(after: split)...])) else {
            throw CLIError.invalidArgument("--concept", value: argument,
                                           expected: "S/N=LOOK with LOOK one of \(Look.all.map(\.name).joined(separator: ", "))")
        }
        let target = String(argument[..<split])
        var path = target
        if let name = PackageName(target), !FileManager.default.fileExists(atPath: target) {
            let home = ClientHome(root: PerfHome.current.url)
            path = try home.installedPackage(name, lockfile: try? ClientOptions.project.lockfile()).folder.path
        }
        let (concept, manifest, _) = try ConceptSelection.concept(path)
        self.name = manifest.name.description
        self.concept = concept
        self.manifest = manifest
        self.look = look
    }

    /// A file name stem for the concept's pictures: its name with `/` as `-`.
    var fileStem: String { name.replacingOccurrences(of: "/", with: "-") }
}

/// What `perf eval` writes to eval.json (and prints with --json).
struct EvalReport: Codable {
    /// The base model's part.
    struct BasePart: Codable {
        let singlesFullyRight: Double
        let pairsFullyRight: Double
        let attributes: [String: Double]
        let detail: BaseAccuracy

        init(_ accuracy: BaseAccuracy) {
            singlesFullyRight = accuracy.singles.rate
            pairsFullyRight = accuracy.pairs.rate
            attributes = Dictionary(uniqueKeysWithValues: accuracy.attributeRates.map { ($0.name, $0.tally.rate) })
            detail = accuracy
        }
    }

    /// One concept's part.
    struct ConceptPart: Codable {
        let name: String
        let look: String
        let pictures: Int?
        let gate: [Float]
        let atOwnGate: ConceptScore
        let sweep: [ConceptScore]
        /// The embedding-only comparison (no gate: one point), with --comparisons.
        var embeddingOnly: ConceptScore?
        /// Perfusion with unlocked keys across the sweep, with --comparisons.
        var unlockedKeys: [ConceptScore]?
    }

    /// Two concepts in one picture.
    struct PairPart: Codable {
        let names: [String]
        let score: ConceptScore
    }

    let baseModel: String
    let steps: Int
    let guidance: Float
    let sampler: String
    var base: BasePart?
    var concepts: [ConceptPart] = []
    var pair: PairPart?
    var seconds = 0.0

    init(baseModel: String, steps: Int, guidance: Float, sampler: String) {
        self.baseModel = baseModel
        self.steps = steps
        self.guidance = guidance
        self.sampler = sampler
    }

    /// The lines a person reads.
    var summary: String {
        var lines = ["\(baseModel) (\(sampler), \(steps) steps, guidance \(guidance)):"]
        if let base {
            let rates = base.detail.attributeRates.map { "\($0.name) \(Self.percent($0.tally.rate))" }.joined(separator: ", ")
            lines.append("  base, \(base.detail.outcomes.count) held-out prompts: one object fully right \(Self.percent(base.singlesFullyRight)) "
                         + "(\(base.detail.singles.correct)/\(base.detail.singles.total)), two objects \(Self.percent(base.pairsFullyRight)) "
                         + "(\(base.detail.pairs.correct)/\(base.detail.pairs.total)); \(rates)")
        }
        for concept in concepts {
            lines.append("  \(concept.name) (\(concept.look), \(concept.pictures.map { "\($0) pictures" } ?? "?")), own gate β \(concept.gate[0]): "
                         + Self.describe(concept.atOwnGate))
            for score in concept.sweep { lines.append("    β \(score.beta ?? 0): " + Self.describe(score)) }
            if let only = concept.embeddingOnly { lines.append("    embedding only: " + Self.describe(only)) }
            for score in concept.unlockedKeys ?? [] { lines.append("    unlocked keys β \(score.beta ?? 0): " + Self.describe(score)) }
        }
        if let pair { lines.append("  \(pair.names.joined(separator: " with ")): " + Self.describe(pair.score)) }
        lines.append(String(format: "  %.0f s", seconds))
        return lines.joined(separator: "\n")
    }

    static func describe(_ score: ConceptScore) -> String {
        "present \(percent(score.present.rate)), similarity \(String(format: "%.2f", score.fidelity)), "
            + "other attributes all right \(percent(score.aligned.rate)) (each \(percent(score.attributes.rate)))"
    }

    static func percent(_ rate: Double) -> String { String(format: "%.1f%%", 100 * rate) }
}

/// The plots `perf eval` writes.
enum EvalPlots {
    /// Per attribute, how often it was right, and the fully right prompts beside their targets.
    static func baseAccuracy(_ base: EvalReport.BasePart, prompts: Int) -> Canvas {
        let attributes = base.detail.attributeRates
        let categories = attributes.map(\.name) + ["1 object", "2 objects"]
        let measured = attributes.map(\.tally.rate) + [base.singlesFullyRight, base.pairsFullyRight]
        let targets = attributes.map { _ in Double.nan } + [0.85, 0.6]
        return BarChart(title: "Base model, \(prompts) held-out prompts", yLabel: "fraction right", categories: categories,
                        series: [BarSeries(name: "measured", colour: PlotColour.palette(0), values: measured),
                                 BarSeries(name: "target", colour: PlotColour.palette(1), values: targets)])
            .render(width: 720, height: 360)
    }

    /// Each concept's sweep: fidelity (look present) against alignment (other attributes right), one point per β;
    /// with the comparisons, unlocked keys' sweep and the embedding-only point beside it.
    static func pareto(_ concepts: [EvalReport.ConceptPart]) -> Canvas {
        var series: [Series] = []
        for concept in concepts {
            func points(_ scores: [ConceptScore]) -> [DataPoint] {
                scores.map { DataPoint(x: $0.aligned.rate, y: $0.present.rate, label: $0.beta.map { "b=\($0)" }) }
            }
            series.append(Series(name: concept.name, colour: PlotColour.palette(series.count), points: points(concept.sweep)))
            if let unlocked = concept.unlockedKeys {
                series.append(Series(name: "\(concept.name) unlocked keys", colour: PlotColour.palette(series.count),
                                     points: points(unlocked), marker: .square))
            }
            if let only = concept.embeddingOnly {
                series.append(Series(name: "\(concept.name) embedding only", colour: PlotColour.palette(series.count),
                                     points: points([only]), style: .points, marker: .square))
            }
        }
        return Chart(title: "Concepts across the gate bias b", xLabel: "other attributes all right", yLabel: "concept present",
                     xRange: 0 ... 1, yRange: 0 ... 1, series: series)
            .render(width: 720, height: 480)
    }
}

/// Pictures for people to look at.
enum EvalPictures {
    /// Writes a plot's pixels as a PNG file.
    static func png(_ canvas: Canvas, to url: URL) throws {
        try Picture(width: canvas.width, height: canvas.height, format: .rgb, pixels: canvas.pixels).writePNG(to: url)
    }

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
