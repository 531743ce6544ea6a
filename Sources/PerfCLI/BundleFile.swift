import Foundation
import PerfBundle
import PerfManifest
import PerfSigning

/// A bundle file named on the command line: its bytes, its manifest and its signature file.
struct BundleFile {
    /// Where the bundle is.
    let url: URL
    /// The archive's bytes.
    let archive: Data
    /// The decoded `perf.json`.
    let manifest: PackageManifest

    /// Reads and validates the bundle at `path`: every entry is checked against the limits of
    /// its kind, and `perf.json` must decode.
    init(path: String) throws {
        url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CLIError.fileNotFound(path, what: "bundle", fix: "check the path, or make one with `perf pack DIR`")
        }
        archive = data
        let json = try BundleArchive.file("perf.json", in: data, source: path, limits: .base)
        manifest = try PackageManifest.decode(json, source: "\(path): perf.json")
        _ = try BundleArchive.entries(of: data, source: path, limits: limits)
    }

    /// The extraction limits for this bundle's kind.
    var limits: BundleLimits { manifest.kind == .concept ? .concept : .base }

    /// `name@version`, for messages.
    var identity: String { "\(manifest.name.map(String.init(describing:)) ?? "?")@\(manifest.version.map(String.init(describing:)) ?? "?")" }

    /// The detached signature's conventional location, `FILE.minisig`.
    var signatureURL: URL { URL(fileURLWithPath: url.path + ".minisig") }

    /// The facts a package signature binds: name, version and base digest.
    func signedFacts() throws -> (name: String, version: String, base: String?) {
        guard let name = manifest.name, let version = manifest.version else {
            throw CLIError.invalidArgument(url.path, value: "perf.json", expected: "a concept or base manifest with a name and version")
        }
        switch manifest {
        case let .concept(concept):
            return (name.description, version.description, concept.base.digest.description)
        default:
            return (name.description, version.description, nil)
        }
    }

    /// Reads `FILE.minisig` (or `path`) as a minisign signature.
    func signature(at path: String? = nil) throws -> Minisig {
        let sigURL = path.map { URL(fileURLWithPath: $0) } ?? signatureURL
        guard let data = FileManager.default.contents(atPath: sigURL.path) else {
            throw CLIError.fileNotFound(sigURL.path, what: "signature", fix: "sign the bundle with `perf sign \(url.path)`")
        }
        return try Minisig(text: String(decoding: data, as: UTF8.self), source: sigURL.path)
    }
}
