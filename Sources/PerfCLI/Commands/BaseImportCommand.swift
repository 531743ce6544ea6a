import ArgumentParser
import Foundation
import PerfDiffusion
import PerfManifest
import PerfTensor

/// `perf base import DIR --name S/N --version V`: checks a diffusers model folder (every
/// configuration, every tensor's shape) and writes a base package folder for it: perf.json
/// (kind "base") with the model's files and their weights digest, and the text covariance
/// statistics. Small models are copied into the package; large ones are registered by
/// reference to DIR.
struct BaseImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Register a diffusers model folder as a base package.",
        discussion: """
            The package folder (default ./NAME-VERSION) gets perf.json and stats/text_covariance.safetensors \
            and, for a copied model, the model's files. The covariance is computed over the captions of \
            --captions (one per line), else over a small built-in caption set.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The diffusers model folder.")
    var directory: String

    @Option(help: "The package's name, scope/name.")
    var name: String

    @Option(help: "The package's version (semver).")
    var version: String

    @Option(help: "Captions for the text covariance, one per line.")
    var captions: String?

    @Flag(help: "Register the model by reference to DIR even when it is small.")
    var reference = false

    @Flag(help: "Copy the model into the package even when it is large.")
    var copy = false

    @Option(help: "The package's description.")
    var description: String?

    @Option(help: "The weights' license, an SPDX expression.")
    var license = "NOASSERTION"

    @Option(help: "An author (repeatable).")
    var author: [String] = []

    @Flag(help: "Copy the weights as float16 (half the size; each weight rounded to nearest).")
    var half = false

    @Option(help: "The guidance scale the model is meant to be sampled with, recorded as the package's default for perf generate and perf eval.")
    var guidance: Float?

    @Option(name: .shortAndLong, help: "The package folder to write (must be absent or empty).")
    var output: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    /// Models up to this size are copied unless `--reference`.
    static let copyLimit = 256 << 20

    func validate() throws {
        if reference && copy { throw ValidationError("--reference and --copy exclude each other") }
        if reference && half { throw ValidationError("--half converts a copy of the weights; it excludes --reference") }
        if let guidance, !(guidance >= 0 && guidance <= 100) { throw ValidationError("--guidance must be a number from 0 to 100") }
    }

    func run() async throws {
        global.bootstrapLogging()
        let packageName = try PackageName(parsing: name)
        let packageVersion = try SemanticVersion(parsing: version)
        let source = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL.resolvingSymlinksInPath()
        var folder = try ModelFolder(at: source)
        try folder.checkWeights()
        let halved = half ? try HalfPrecisionFolder(of: folder) : nil
        defer { halved?.remove() }
        if let halved { folder = try ModelFolder(at: halved.url) }
        let listing = try BaseModelFiles(folder)
        let byReference = reference || (!copy && !half && listing.totalSize > Self.copyLimit)
        let target = URL(fileURLWithPath: output ?? "\(packageName.name)-\(packageVersion)", isDirectory: true).standardizedFileURL
        let encoder = try CLIPTextEncoder(folder: folder)
        var covariance = TextCovariance(width: folder.textEncoder.hiddenSize)
        try covariance.add(captions: try CaptionFile.captions(captions), tokenizer: folder.tokenizer, encoder: encoder)
        let writer = try BasePackageWriter(target: target)
        let statsDigest = try writer.writeStats(covariance.file())
        if !byReference { try writer.copyModel(listing) }
        let manifest = BaseManifest(
            name: packageName, version: packageVersion,
            description: description ?? "\(folder.index.pipelineClass ?? "Diffusers model") imported from \(source.lastPathComponent)",
            license: license, authors: author,
            model: .init(source: byReference ? .reference(path: source.path) : .files(listing.files)),
            weightsDigest: try listing.weightsDigest, stats: .init(digest: statsDigest),
            text: .init(width: folder.textEncoder.hiddenSize, maxLength: folder.tokenizer.maxLength,
                        vocabularySize: folder.textEncoder.vocabSize),
            sampling: guidance.map(BaseManifest.Sampling.init))
        try writer.finish(manifest: manifest.encoded())
        let report = BaseImportReport(name: packageName.description, version: packageVersion.description, path: target.path,
                                      reference: byReference ? source.path : nil, files: listing.files.count,
                                      size: listing.totalSize, weightsDigest: try listing.weightsDigest.description,
                                      covarianceCount: covariance.count, skipped: listing.skipped)
        if json { try Output.json(report); return }
        let how = byReference ? "by reference to \(source.path)" : "\(listing.files.count) files copied"
        Output.line("Imported \(report.name)@\(report.version) into \(target.path) (\(how)); weights digest \(report.weightsDigest)")
        if !listing.skipped.isEmpty { Output.note("note: left out \(listing.skipped.count) files perf does not read: \(listing.skipped.joined(separator: ", "))") }
    }
}

/// What `perf base import --json` prints.
struct BaseImportReport: Codable {
    let name: String
    let version: String
    let path: String
    let reference: String?
    let files: Int
    let size: Int
    let weightsDigest: String
    let covarianceCount: Int
    let skipped: [String]
}
