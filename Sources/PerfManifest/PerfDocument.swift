import Foundation

/// A file format perf keeps as one JSON document (manifests, `perf.lock`, a registry's
/// `config.json`): read strictly, written canonically.
public protocol PerfDocument: Codable, Sendable {
    /// The file name messages use when the caller names none (`perf.json`, `perf.lock`, …).
    static var defaultSource: String { get }
}

extension PerfDocument {
    /// Decodes the document from `data`; throws `ManifestError` naming `source` and the
    /// field's path. A newer `schema` is refused first, with advice to upgrade perf.
    public static func decode(_ data: Data, source: String = defaultSource) throws -> Self {
        try DocumentCoder.decode(Self.self, from: data, source: source)
    }

    /// The bytes perf writes: sorted keys, indented, a final newline, the same bytes for the
    /// same value. Throws `ManifestError` when a field is one perf would refuse to read.
    public func encoded() throws -> Data {
        try DocumentCoder.encode(self, layout: .file, source: Self.defaultSource)
    }
}
