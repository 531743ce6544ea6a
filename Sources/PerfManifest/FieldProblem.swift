/// What is wrong with one field of a document. Thrown inside `init(from:)` wrapped in a
/// `DecodingError` (so plain `JSONDecoder` users see a normal error) and turned into a
/// `ManifestError`, with the file's name and the offending value, by `DocumentReader`.
enum FieldProblem: Error, Equatable, Sendable {
    /// The value is there but wrong; `got` overrides the value quoted from the document
    /// (used for object keys, which have no value of their own).
    case invalid(expected: String, got: String? = nil)
    /// A required field is absent.
    case missing
    /// A field the format does not define; `known` lists the fields allowed there.
    case unknown(known: [String])
    /// The same key twice in one object.
    case duplicate
    /// A number literal beyond Float64's range.
    case numberOutOfRange(String)
    /// Arrays and objects nested deeper than any perf format needs.
    case tooDeep
    /// `schema` names a format version newer than this perf reads.
    case newerSchema(found: Int, supported: Int)

    /// The problem as a `DecodingError` at `codingPath`, carrying itself as the underlying error.
    func decodingError(at codingPath: [any CodingKey]) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: summary, underlyingError: self))
    }

    /// A short English statement of the problem, without file or fix.
    var summary: String {
        switch self {
        case .invalid(let expected, _): return "expected \(expected)"
        case .missing: return "missing"
        case .unknown(let known): return "not a field of this format (known here: \(known.sorted().joined(separator: ", ")))"
        case .duplicate: return "appears twice in the same object"
        case .numberOutOfRange(let literal): return "the number \(literal) is beyond the range of a 64-bit float"
        case .tooDeep: return "nested more than \(JSONReader.maximumDepth) levels deep"
        case .newerSchema(let found, let supported): return "schema \(found) is newer than schema \(supported), the newest this perf reads"
        }
    }
}
