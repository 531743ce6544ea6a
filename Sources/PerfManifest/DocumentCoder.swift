import Foundation

/// Reads and writes perf's JSON documents. Reading is strict (`JSONReader`) and then typed
/// (`Codable`), and every refusal becomes a `ManifestError` naming the source, the field's
/// path and the value found there. Writing uses sorted keys, so the same value always gives
/// the same bytes, and reads its own output back, so perf never writes what it would refuse.
enum DocumentCoder {
    /// How a document is laid out on disk.
    enum Layout {
        /// Indented, ending in a newline: manifests, lockfiles, configuration.
        case file
        /// One compact line without a newline: index lines.
        case line
    }

    /// Decodes `type` from `data`, naming `source` in every error.
    static func decode<Value: Decodable>(_ type: Value.Type, from data: Data, source: String) throws(ManifestError) -> Value {
        let tree = try read(data, source: source)
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw manifestError(from: error, tree: tree, source: source)
        } catch {
            throw .field(.invalid(expected: "a readable document (\(error))"), at: FieldPath(), in: source, got: nil)
        }
    }

    /// Parses `data` strictly, without judging fields.
    static func read(_ data: Data, source: String) throws(ManifestError) -> JSONValue {
        do {
            return try JSONReader.read(data)
        } catch {
            switch error {
            case .syntax(let line, let column, let message):
                throw .syntax(in: source, line: line, column: column, message: message)
            case .field(let path, let problem):
                throw .field(problem, at: path, in: source, got: nil)
            }
        }
    }

    /// Encodes `value` in `layout`, then decodes the bytes again so that a value perf would
    /// refuse to read is refused here, with the same message, naming `source`.
    static func encode<Value: Codable>(_ value: Value, layout: Layout, source: String) throws(ManifestError) -> Data {
        let data: Data
        do {
            data = try bytes(of: value, layout: layout)
        } catch {
            throw .field(.invalid(expected: "a value JSON can hold (\(error))"), at: FieldPath(), in: source, got: nil)
        }
        _ = try decode(Value.self, from: data, source: source)
        return data
    }

    /// `value` as JSON in `layout`, without judging it.
    static func bytes(of value: some Encodable, layout: Layout) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = layout == .file ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                                                   : [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        if layout == .file { data.append(UInt8(ascii: "\n")) }
        return data
    }

    /// The `ManifestError` for a `DecodingError` thrown while decoding `tree`.
    private static func manifestError(from error: DecodingError, tree: JSONValue, source: String) -> ManifestError {
        func quoted(_ path: FieldPath) -> String? { tree.value(at: path)?.excerpt() }
        switch error {
        case .dataCorrupted(let context):
            let path = FieldPath(codingPath: context.codingPath)
            let problem = context.underlyingError as? FieldProblem ?? .invalid(expected: context.debugDescription)
            if case .invalid(_, let got?) = problem { return .field(problem, at: path, in: source, got: got) }
            return .field(problem, at: path, in: source, got: quoted(path))
        case .keyNotFound(let key, let context):
            return .field(.missing, at: FieldPath(codingPath: context.codingPath + [key]), in: source, got: nil)
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let path = FieldPath(codingPath: context.codingPath)
            return .field(.invalid(expected: expectation(for: type)), at: path, in: source, got: quoted(path))
        @unknown default:
            return .field(.invalid(expected: "\(error)"), at: FieldPath(), in: source, got: nil)
        }
    }

    /// "a string", "a number", … for the Swift type a decoder wanted.
    private static func expectation(for type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Double.Type, is Float.Type, is Int.Type, is UInt64.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.contains("Dictionary") || name.contains("Keyed") { return "an object" }
            if name.contains("Array") || name.contains("Unkeyed") { return "an array" }
            return "a value of type \(name)"
        }
    }
}
