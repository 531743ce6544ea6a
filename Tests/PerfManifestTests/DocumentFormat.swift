import Foundation
import PerfManifest

/// The six file formats, each with its schema, a valid example to start edits from, and
/// perf's decoder for it.
enum DocumentFormat: String, CaseIterable, Sendable, CustomStringConvertible {
    case concept, base, composition, lockfile, indexLine, registryConfig

    /// The schema's file name in `Schemas/`.
    var schema: String {
        switch self {
        case .concept: return "concept.schema.json"
        case .base: return "base.schema.json"
        case .composition: return "composition.schema.json"
        case .lockfile: return "lockfile.schema.json"
        case .indexLine: return "index-line.schema.json"
        case .registryConfig: return "registry-config.schema.json"
        }
    }

    /// A valid document of this format, relative to the repository root (for index lines,
    /// a file of one line).
    var example: String {
        switch self {
        case .concept: return "Manifests/examples/bullseye-circle.perf.json"
        case .base: return "Manifests/examples/shapes.perf.json"
        case .composition: return "Manifests/examples/two-shapes.perf.json"
        case .lockfile: return "Manifests/examples/perf.lock"
        case .indexLine: return "Manifests/registry/index/perf/shapes"
        case .registryConfig: return "Manifests/registry/config.json"
        }
    }

    /// The name perf's messages use for a document of this format.
    var source: String {
        switch self {
        case .concept, .base, .composition: return "perf.json"
        case .lockfile: return "perf.lock"
        case .indexLine: return "index/perf/shapes line 1"
        case .registryConfig: return "config.json"
        }
    }

    /// Decodes `text` with perf's reader for this format.
    func decode(_ text: String) throws {
        let data = Data(text.utf8)
        switch self {
        case .concept: _ = try ConceptManifest.decode(data, source: source)
        case .base: _ = try BaseManifest.decode(data, source: source)
        case .composition: _ = try CompositionManifest.decode(data, source: source)
        case .lockfile: _ = try Lockfile.decode(data, source: source)
        case .indexLine: _ = try IndexLine.decode(line: text, source: source)
        case .registryConfig: _ = try RegistryConfig.decode(data, source: source)
        }
    }

    var description: String { rawValue }
}
