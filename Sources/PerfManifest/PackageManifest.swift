import Foundation

/// Any `perf.json`: a concept, a base or a composition, told apart by its `kind`.
public enum PackageManifest: Sendable, Equatable {
    /// `kind: "concept"`.
    case concept(ConceptManifest)
    /// `kind: "base"`.
    case base(BaseManifest)
    /// `kind: "composition"`.
    case composition(CompositionManifest)

    /// Decodes a manifest of any kind: checks `schema` first (a newer one asks for a newer
    /// perf), then dispatches on `kind`, then judges every field. Throws `ManifestError`
    /// naming `source` and the field's path.
    public static func decode(_ data: Data, source: String) throws -> PackageManifest {
        let header = try DocumentCoder.decode(Header.self, from: data, source: source)
        switch header.kind {
        case .concept: return .concept(try DocumentCoder.decode(ConceptManifest.self, from: data, source: source))
        case .base: return .base(try DocumentCoder.decode(BaseManifest.self, from: data, source: source))
        case .composition: return .composition(try DocumentCoder.decode(CompositionManifest.self, from: data, source: source))
        }
    }

    /// The package's name; nil for a composition without one.
    public var name: PackageName? {
        switch self {
        case .concept(let manifest): return manifest.name
        case .base(let manifest): return manifest.name
        case .composition(let manifest): return manifest.name
        }
    }

    /// The package's version; nil for a composition.
    public var version: SemanticVersion? {
        switch self {
        case .concept(let manifest): return manifest.version
        case .base(let manifest): return manifest.version
        case .composition: return nil
        }
    }

    /// What the manifest describes.
    public var kind: PackageKind {
        switch self {
        case .concept: return .concept
        case .base: return .base
        case .composition: return .composition
        }
    }

    /// The manifest as perf writes `perf.json`: sorted keys, indented, a final newline.
    /// Throws `ManifestError` when a field is one perf would refuse to read.
    public func encoded() throws -> Data {
        switch self {
        case .concept(let manifest): return try manifest.encoded()
        case .base(let manifest): return try manifest.encoded()
        case .composition(let manifest): return try manifest.encoded()
        }
    }

    /// The part of a manifest read before dispatching: `schema` (checked) and `kind`.
    private struct Header: Decodable {
        enum CodingKeys: String, CodingKey { case kind }
        let kind: PackageKind

        init(from decoder: any Decoder) throws {
            try decoder.checkSchema()
            kind = try decoder.container(keyedBy: CodingKeys.self).choice(.kind, PackageKind.self)
        }
    }
}
