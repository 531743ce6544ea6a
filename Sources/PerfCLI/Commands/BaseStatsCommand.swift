import ArgumentParser
import Foundation
import PerfBundle
import PerfDiffusion
import PerfManifest
import PerfPerfusion
import PerfSafeTensors

/// `perf base stats BASE [--captions FILE]`: (re)computes a base package's text statistics,
/// the uncentered covariance of its text encoder's outputs over a caption set (DESIGN §1),
/// checks that it inverts (recording the ridge Perfusion will add, if any), and replaces
/// `stats/text_covariance.safetensors` and the digest in perf.json, each atomically.
struct BaseStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Compute a base package's text covariance statistics.",
        discussion: "BASE is a base package folder (perf base import writes one) or the name scope/name of an installed "
            + "base package. The covariance is computed over the captions of --captions (one per line), else over a "
            + "small built-in caption set; the paper used 100K captions."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The base package: a folder, or scope/name of an installed base.")
    var base: String

    @Option(help: "Captions for the text covariance, one per line.")
    var captions: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        global.bootstrapLogging()
        let packageFolder = try Self.packageFolder(base)
        guard let manifest = try BaseSelection.package(packageFolder.path)?.manifest else {
            throw CLIError.invalidArgument("BASE", value: base, expected: "a base package folder holding perf.json")
        }
        let folder = try ModelFolder(at: BaseSelection.modelFolder(packageFolder.path))
        let encoder = try CLIPTextEncoder(folder: folder)
        let lines = try CaptionFile.captions(captions)
        var covariance = TextCovariance(width: folder.textEncoder.hiddenSize)
        try covariance.add(captions: lines, tokenizer: folder.tokenizer, encoder: encoder)
        let statsURL = packageFolder.appendingPathComponent(manifest.stats.path)
        let inverse = try InverseCovariance(covariance, source: statsURL.path)
        var file = try covariance.file()
        file.metadata["ridge"] = String(inverse.ridge)
        file.metadata["reciprocal_condition"] = String(inverse.reciprocalCondition)
        file.metadata["captions"] = String(lines.count)
        let data = try file.serialized()
        do {
            try FileManager.default.createDirectory(at: statsURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw CLIError.fileNotFound(statsURL.deletingLastPathComponent().path, what: "writable folder", fix: "check the package folder's permissions")
        }
        try AtomicFile.write(data, to: statsURL)
        var updated = manifest
        updated.stats.digest = try Digest(sha256Hex: ContentDigest.sha256Hex(data))
        try AtomicFile.write(try updated.encoded(), to: packageFolder.appendingPathComponent("perf.json"))
        let report = BaseStatsReport(name: manifest.name.description, version: manifest.version.description, path: statsURL.path,
                                     digest: updated.stats.digest.description, width: covariance.width, count: covariance.count,
                                     captions: lines.count, ridge: inverse.ridge, reciprocalCondition: inverse.reciprocalCondition)
        if json { try Output.json(report); return }
        let ridge = inverse.ridge == 0 ? "no ridge needed" : "ill-conditioned: Perfusion adds a ridge of \(inverse.ridge)·mean(diag)"
        Output.line("Wrote \(statsURL.path): \(report.width)×\(report.width) covariance over \(report.count) text states "
                    + "from \(report.captions) captions (\(ridge); reciprocal condition \(inverse.reciprocalCondition))")
    }

    /// The package folder for `argument`: a folder, or the highest installed version of scope/name in PERF_HOME.
    static func packageFolder(_ argument: String) throws -> URL {
        let folder = URL(fileURLWithPath: argument, isDirectory: true).standardizedFileURL
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue { return folder }
        guard let name = PackageName(argument) else {
            throw CLIError.fileNotFound(folder.path, what: "base package folder", fix: "pass a base package folder or the scope/name of an installed base")
        }
        let installed = PerfHome.current.url.appendingPathComponent("packages/\(name.scope)/\(name.name)", isDirectory: true)
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: installed.path)) ?? []).compactMap { SemanticVersion($0) }
        guard let newest = versions.max() else {
            throw CLIError.fileNotFound(installed.path, what: "installed base package \(name)", fix: "install it with `perf install`, or pass its folder")
        }
        return installed.appendingPathComponent(newest.description, isDirectory: true)
    }
}

/// What `perf base stats --json` prints.
struct BaseStatsReport: Codable {
    let name: String
    let version: String
    let path: String
    let digest: String
    let width: Int
    let count: Int
    let captions: Int
    let ridge: Double
    let reciprocalCondition: Double
}
