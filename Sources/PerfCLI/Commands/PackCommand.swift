import ArgumentParser
import Foundation
import PerfBundle
import PerfManifest
import PerfSafeTensors

/// `perf pack DIR [-o FILE]`: writes a concept or base folder as a deterministic bundle (DESIGN §3).
struct PackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Pack a concept or base folder into a deterministic NAME-VERSION.perf bundle."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The folder holding perf.json and the package's files.")
    var directory: String

    @Option(name: .shortAndLong, help: "Where to write the bundle (default: ./NAME-VERSION.perf).")
    var output: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        global.bootstrapLogging()
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        let manifestURL = folder.appendingPathComponent("perf.json")
        guard let manifestData = FileManager.default.contents(atPath: manifestURL.path) else {
            throw CLIError.fileNotFound(manifestURL.path, what: "manifest",
                                        fix: "a package folder needs perf.json at its top (see Manifests/ for examples)")
        }
        let manifest = try PackageManifest.decode(manifestData, source: manifestURL.path)
        guard let name = manifest.name, let version = manifest.version, manifest.kind != .composition else {
            throw CLIError.invalidArgument(manifestURL.path, value: manifest.kind.rawValue,
                                           expected: "a concept or base manifest; compositions are not packed")
        }
        if manifest.kind == .concept { try Self.checkConceptTensors(in: folder, package: name.description) }
        let target = URL(fileURLWithPath: output ?? "\(name.name)-\(version).perf")
        let packed = try BundleArchive.pack(directory: folder, to: target)
        let report = PackReport(name: name.description, version: version.description, kind: manifest.kind.rawValue,
                                path: packed.url.path, sha256: packed.sha256, size: packed.size)
        if json { try Output.json(report) } else {
            Output.line("Packed \(report.name)@\(report.version) into \(report.path) (\(report.size) bytes, sha256 \(report.sha256))")
        }
    }

    /// A concept folder must hold a readable `concept.safetensors` with the tensors DESIGN §3 names.
    static func checkConceptTensors(in folder: URL, package: String) throws {
        let file = folder.appendingPathComponent("concept.safetensors")
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw CLIError.missingFile(package: package, file: "concept.safetensors")
        }
        let tensors = try SafeTensorsFile.read(from: file).tensors
        for required in ["token_embedding", "target_input", "superclass_input"] where tensors[required] == nil {
            throw CLIError.missingFile(package: package, file: "concept.safetensors tensor `\(required)`")
        }
        if !tensors.keys.contains(where: { $0.hasPrefix("value_target.") }) {
            throw CLIError.missingFile(package: package, file: "concept.safetensors tensors `value_target.<layer>`")
        }
    }
}

/// What `perf pack --json` prints.
struct PackReport: Codable {
    let name: String
    let version: String
    let kind: String
    let path: String
    let sha256: String
    let size: Int
}
