import PerfDiagnostics

/// A document (manifest, lockfile, index line, registry config) or a value in one
/// (name, version, digest) that perf refuses. The message names the file, the field path
/// and the offending value, and says what to do.
public struct ManifestError: PerfError, Equatable {
    private enum Reason: Equatable, Sendable {
        case field(source: String, path: FieldPath, problem: FieldProblem, got: String?)
        case syntax(source: String, line: Int, column: Int, message: String)
        case value(kind: String, text: String, expected: String)
    }

    private let reason: Reason

    private init(_ reason: Reason) { self.reason = reason }

    /// A problem with the field at `path` of `source`; `got` quotes the value found there.
    static func field(_ problem: FieldProblem, at path: FieldPath, in source: String, got: String?) -> ManifestError {
        ManifestError(.field(source: source, path: path, problem: problem, got: got))
    }

    /// `source` is not JSON.
    static func syntax(in source: String, line: Int, column: Int, message: String) -> ManifestError {
        ManifestError(.syntax(source: source, line: line, column: column, message: message))
    }

    /// A standalone value (`kind`: "version", "package name", "digest") that does not parse.
    static func value(_ kind: String, _ text: String, expected: String) -> ManifestError {
        ManifestError(.value(kind: kind, text: text, expected: expected))
    }

    /// The file, line or other source the error is about; nil for a standalone value.
    public var source: String? {
        switch reason {
        case .field(let source, _, _, _), .syntax(let source, _, _, _): return source
        case .value: return nil
        }
    }

    /// The path of the refused field; nil when the error is not about one field.
    public var field: FieldPath? {
        if case .field(_, let path, _, _) = reason { return path }
        return nil
    }

    public var exitStatus: ExitStatus { .dataError }

    public var description: String {
        switch reason {
        case .syntax(let source, let line, let column, let message):
            return "\(source): not valid JSON at line \(line), column \(column): \(message); fix the syntax (a JSON linter shows the spot)"
        case .value(let kind, let text, let expected):
            return "invalid \(kind) \(JSONValue.string(text).excerpt()): expected \(expected)"
        case .field(let source, let path, let problem, let got):
            return Self.describe(problem, at: path, in: source, got: got)
        }
    }

    private static func describe(_ problem: FieldProblem, at path: FieldPath, in source: String, got: String?) -> String {
        let field = path.isRoot ? "the document" : "field `\(path)`"
        let fix = path.isRoot ? "fix \(source)" : "fix `\(path)` in \(source)"
        switch problem {
        case .invalid(let expected, _):
            let found = got.map { ", got \($0)" } ?? ""
            return "\(source): \(field): expected \(expected)\(found); \(fix)"
        case .missing:
            return "\(source): \(field) is missing; add it to \(source)"
        case .unknown(let known):
            return "\(source): \(field) is not part of this format (allowed here: \(known.sorted().joined(separator: ", "))); "
                + "remove it, or upgrade perf if a newer perf wrote the file"
        case .duplicate:
            return "\(source): \(field) appears twice in one object; keep exactly one"
        case .numberOutOfRange(let literal):
            return "\(source): \(field): the number \(literal) is beyond the range of a 64-bit float; \(fix)"
        case .tooDeep:
            return "\(source): \(field) is nested more than \(JSONReader.maximumDepth) levels deep, "
                + "which no perf format needs; \(fix)"
        case .newerSchema(let found, let supported):
            return "\(source): \(field): written in schema \(found), but this perf reads schema \(supported) at most "
                + "(\(SchemaVersion.readers(of: supported))); upgrade perf to a release that reads schema \(found)"
        }
    }
}
