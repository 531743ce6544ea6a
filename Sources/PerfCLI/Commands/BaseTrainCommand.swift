import ArgumentParser
import Foundation
import PerfDiffusion
import PerfTensor
import PerfWorld
#if canImport(Glibc)
import Glibc
#endif

/// `perf base train --data DIR --words FILE -o MODEL_DIR`: trains the project's own small base
/// model from scratch (DESIGN §5) on captioned pictures, and saves the moving average of its
/// weights as a diffusers folder. Checkpoints every N steps; `--resume` continues a run
/// exactly where its checkpoint left it.
struct BaseTrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a small base model from scratch on captioned pictures.",
        discussion: """
            DIR holds PNG pictures of one size and captions.txt, one `file.png<TAB>caption` a line.

            FILE lists the caption words, one a line; each becomes one token. The model (DESIGN §5): \
            a UNet with block channels (32, 64, 64) and cross-attention at the two lower levels, a \
            2-layer 64-wide text encoder trained with it, in pixel space; v-prediction on a \
            zero-terminal-SNR schedule, AdamW, 10% empty captions, and the moving average of the \
            weights (decay 0.999) as the saved model. A checkpoint (default MODEL_DIR.checkpoint.safetensors) \
            is written every --checkpoint-every steps and at the end; --resume continues from it \
            (then --words, --batch, --lr and --seed default to the checkpoint's and may not differ), \
            to a larger --steps as well, and replaces the model the run wrote before.

            --init CHECKPOINT starts a new run from another run's averaged weights instead \
            (fine-tuning, e.g. on --world --patterns after a run on plain scenes): tokens both \
            vocabularies hold keep their embeddings, new words start fresh; the optimizer and the \
            moving average start anew, and the new run writes its own checkpoint.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The training pictures: a folder with captions.txt and PNG files.")
    var data: String?

    @Flag(help: "Train on the built-in world's scenes, rendered on the fly (its vocabulary is the default --words).")
    var world = false

    @Flag(help: "With --world: objects wear patterns one time in three, never a concept look's (the vocabulary gains the pattern words).")
    var patterns = false

    @Option(name: .customLong("init"), help: ArgumentHelp("Start from the weights (their moving average) of another run's checkpoint instead of random ones: fine-tuning. Words it lacks get fresh embeddings.", valueName: "checkpoint"))
    var initial: String?

    @Option(help: "The caption words, one a line (not needed with --resume).")
    var words: String?

    @Option(name: .shortAndLong, help: "The model folder to write (must not exist or be empty).")
    var output: String

    @Option(help: "Total training steps.")
    var steps = 2000

    @Option(help: "Pictures per step (default 64).")
    var batch: Int?

    @Option(help: "AdamW's learning rate (default 0.001).")
    var lr: Float?

    @Option(help: "Seed of the initial weights, the batches and the noise (default 0).")
    var seed: UInt64?

    @Option(help: "Tokens per caption, start and end tokens included.")
    var maxTokens = 32

    @Option(help: "Steps between checkpoints.")
    var checkpointEvery = 100

    @Option(help: "The checkpoint file (default: MODEL_DIR.checkpoint.safetensors).")
    var checkpoint: String?

    @Flag(help: "Continue the run saved in the checkpoint.")
    var resume = false

    @OptionGroup var engine: EngineOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if (data == nil) == !world { throw ValidationError("give the pictures with --data DIR or --world (one of them)") }
        if !resume && words == nil && !world { throw ValidationError("--words is required unless --resume continues a run or --world gives them") }
        if steps < 0 { throw ValidationError("--steps must be 0 or more") }
        if patterns && !world { throw ValidationError("--patterns is a way of rendering --world's scenes; give --world too") }
        if resume && initial != nil { throw ValidationError("--init starts a new run from another one's weights; --resume continues a run (give one of them)") }
    }

    func run() async throws {
        global.bootstrapLogging()
        engine.configure()
        let target = URL(fileURLWithPath: output).standardizedFileURL
        try Self.checkWritable(target, replacingModel: resume)
        let checkpointURL = URL(fileURLWithPath: checkpoint ?? target.path + ".checkpoint.safetensors")
        var folder: FolderTrainingData?
        if let data {
            let dataFolder = URL(fileURLWithPath: data, isDirectory: true)
            let captions = dataFolder.appendingPathComponent(FolderTrainingData.captionFile)
            guard FileManager.default.fileExists(atPath: captions.path) else {
                throw CLIError.fileNotFound(captions.path, what: "caption list",
                                            fix: "give --data a folder of PNG pictures with \(FolderTrainingData.captionFile), one `file.png<TAB>caption` a line")
            }
            folder = try FolderTrainingData(folder: dataFolder)
        }
        let source: any BaseTrainingData = folder ?? WorldTrainingData(world: .standard, patterns: patterns)
        if let words, !FileManager.default.fileExists(atPath: words) {
            throw CLIError.fileNotFound(words, what: "word list", fix: "give --words a text file with one caption word a line")
        }
        if !resume && FileManager.default.fileExists(atPath: checkpointURL.path) {
            throw CLIError.invalidArgument("--checkpoint", value: checkpointURL.path,
                                           expected: "no earlier run's checkpoint there (continue that run with --resume, or remove the file)")
        }
        var trainer = resume ? try resumed(checkpointURL) : try fresh(pictureSize: source.pictureSize)
        // A checkpoint does not record how its scenes were rendered, but its words tell.
        if resume && world && (trainer.model.vocabulary.words == Vocabulary.patternedWords) != patterns {
            throw CLIError.invalidArgument("--resume", value: checkpointURL.path,
                                           expected: patterns ? "a run on patterned scenes (this one's words have no pattern words; leave out --patterns)"
                                                              : "--patterns as well: this run trained on patterned scenes (its words include the pattern words)")
        }
        // The batch's parts run side by side, one engine thread each: small products spread
        // over threads spend more time handing work over than computing.
        trainer.workers = min(engine.threads ?? PerfTensor.threadCount, trainer.options.shards)
        if trainer.workers > 1 { PerfTensor.configureThreads(1) }
        for caption in folder?.captions ?? [] { _ = try trainer.objective.tokens(caption) }
        let start = Date(), first = trainer.step
        let line = ProgressLine()
        try trainer.run(on: source, until: steps, checkpointEvery: checkpointEvery, checkpoint: checkpointURL) { progress in
            line.draw(progress)
            if progress.checkpointed && !line.isVisible {
                Output.note(ProgressLine.summary(progress) + ", checkpoint written")
            }
        }
        if trainer.step == first && !resume { try trainer.saveCheckpoint(to: checkpointURL) }
        let model = try trainer.averagedModel()
        try model.write(to: target, replacingModel: resume)
        let seconds = Date().timeIntervalSince(start)
        let report = BaseTrainReport(output: target.path, checkpoint: checkpointURL.path, steps: trainer.step,
                                     stepsThisRun: trainer.step - first, seconds: seconds,
                                     secondsPerStep: trainer.step > first ? seconds / Double(trainer.step - first) : nil,
                                     parameters: model.parameterCount, pictures: folder?.count ?? (trainer.step - first) * trainer.options.batchSize, vocabulary: model.vocabulary.count)
        if json { try Output.json(report); return }
        let pace = report.secondsPerStep.map { String(format: ", %.2f s/step", $0) } ?? ""
        Output.line("Trained \(target.path) to step \(report.steps) (\(report.stepsThisRun) steps in \(String(format: "%.0f", seconds)) s\(pace)); \(report.parameters) weights, \(report.pictures) pictures")
    }

    /// The options this command line asks for, defaults filled in.
    private func options(defaults: BaseTrainingOptions) -> BaseTrainingOptions {
        var options = defaults
        if let batch { options.batchSize = batch }
        if let lr { options.learningRate = lr }
        if let seed { options.seed = seed }
        return options
    }

    /// A new run: §5's architecture for the data's picture size, freshly initialised.
    private func fresh(pictureSize: (height: Int, width: Int)) throws -> BaseTrainer {
        guard pictureSize.height == pictureSize.width else {
            throw CLIError.invalidArgument("--data", value: data ?? "", expected: "square pictures (these are \(pictureSize.width)×\(pictureSize.height))")
        }
        var architecture = BaseModelArchitecture()
        architecture.pictureSize = pictureSize.height
        architecture.maxTokens = maxTokens
        let vocabulary = try words.map { try WordVocabulary(contentsOf: URL(fileURLWithPath: $0)) }
            ?? WordVocabulary(words: patterns ? Vocabulary.patternedWords : Vocabulary.words)
        let options = options(defaults: BaseTrainingOptions())
        guard let initial else {
            return try BaseTrainer(model: BaseModel.initialized(architecture, vocabulary: vocabulary, seed: options.seed), options: options)
        }
        return try BaseTrainer(model: startingModel(initial, architecture: architecture).reembedded(for: vocabulary, seed: options.seed),
                               options: options)
    }

    /// The averaged weights of the checkpoint at `path`, whose model must have `architecture`'s
    /// picture size and caption length.
    private func startingModel(_ path: String, architecture: BaseModelArchitecture) throws -> BaseModel {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError.fileNotFound(path, what: "checkpoint", fix: "give --init a checkpoint that `perf base train` wrote")
        }
        let model = try BaseTrainer(checkpointAt: URL(fileURLWithPath: path)).averagedModel()
        let size = model.unet.config.sampleSize ?? 0, tokens = model.textEncoder.config.maxPositionEmbeddings
        guard size == architecture.pictureSize, tokens == architecture.maxTokens else {
            throw CLIError.invalidArgument("--init", value: path, expected: "a model of \(architecture.pictureSize)×\(architecture.pictureSize) pictures and \(architecture.maxTokens)-token captions (this one: \(size) pixels, \(tokens) tokens); match --max-tokens and the pictures to it")
        }
        return model
    }

    /// The run saved in `url`; explicit options must agree with it.
    private func resumed(_ url: URL) throws -> BaseTrainer {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIError.fileNotFound(url.path, what: "checkpoint", fix: "start the run without --resume, or name the checkpoint with --checkpoint")
        }
        let trainer = try BaseTrainer(checkpointAt: url)
        if options(defaults: trainer.options) != trainer.options {
            throw CLIError.invalidArgument("--resume", value: url.path, expected: "the checkpoint's --batch \(trainer.options.batchSize), --lr \(trainer.options.learningRate) and --seed \(trainer.options.seed) (leave them out to use them)")
        }
        if let words, try WordVocabulary(contentsOf: URL(fileURLWithPath: words)) != trainer.model.vocabulary {
            throw CLIError.invalidArgument("--words", value: words, expected: "the checkpoint's word list (leave --words out when resuming)")
        }
        return trainer
    }

    /// Throws unless `target` is absent or an empty folder (or, when resuming, an earlier
    /// model of the run), in an existing folder.
    private static func checkWritable(_ target: URL, replacingModel: Bool) throws {
        let manager = FileManager.default
        let earlierModel = replacingModel && manager.fileExists(atPath: target.appendingPathComponent("model_index.json").path)
        if manager.fileExists(atPath: target.path) && !earlierModel {
            guard (try? manager.contentsOfDirectory(atPath: target.path))?.isEmpty == true else {
                throw CLIError.invalidArgument("--output", value: target.path, expected: "a folder that does not exist yet or is empty (or, with --resume, the run's earlier model)")
            }
        }
        guard manager.fileExists(atPath: target.deletingLastPathComponent().path) else {
            throw CLIError.fileNotFound(target.deletingLastPathComponent().path, what: "folder", fix: "create it, or choose another --output")
        }
    }
}

/// The training progress line on standard error (drawn only on a terminal): steps, loss and speed.
private struct ProgressLine {
    let isVisible = isatty(STDERR_FILENO) == 1

    func draw(_ progress: TrainingProgress) {
        guard isVisible else { return }
        let width = 24, filled = width * progress.step / max(progress.totalSteps, 1)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let end = progress.step == progress.totalSteps ? "\n" : ""
        FileHandle.standardError.write(Data("\rtraining [\(bar)] \(Self.summary(progress))\(end)".utf8))
    }

    /// `step 120/2000 loss 0.1234 (smoothed 0.1300) 1.25 steps/s`.
    static func summary(_ progress: TrainingProgress) -> String {
        String(format: "step %d/%d loss %.4f (smoothed %.4f) %.2f steps/s", progress.step, progress.totalSteps,
               progress.loss, progress.smoothedLoss, progress.stepsPerSecond)
    }
}

/// What `perf base train --json` prints.
struct BaseTrainReport: Codable {
    let output: String
    let checkpoint: String
    let steps: Int
    let stepsThisRun: Int
    let seconds: Double
    let secondsPerStep: Double?
    let parameters: Int
    let pictures: Int
    let vocabulary: Int
}
