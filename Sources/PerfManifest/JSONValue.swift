/// A JSON value as perf's strict reader saw it (RFC 8259). perf reads every document with
/// it before the `Codable` pass, to report syntax errors by line and column, to refuse
/// duplicate keys (which readers resolve differently), to check `schema` and `kind` first,
/// and to quote the offending value in error messages.
enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// A number, kept as its literal text so that nothing is rounded before it is shown.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The value at `path`, or nil when the document has nothing there.
    func value(at path: FieldPath) -> JSONValue? {
        var current = self
        for component in path.components {
            switch (component, current) {
            case (.key(let key), .object(let members)):
                guard let next = members[key] else { return nil }
                current = next
            case (.index(let index), .array(let elements)):
                guard elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The value as compact JSON with sorted keys, for quoting in messages.
    var rendered: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let literal): return literal
        case .string(let text): return Self.quoted(text)
        case .array(let elements): return "[" + elements.map(\.rendered).joined(separator: ",") + "]"
        case .object(let members):
            let parts = members.keys.sorted().map { Self.quoted($0) + ":" + members[$0]!.rendered }
            return "{" + parts.joined(separator: ",") + "}"
        }
    }

    /// `rendered`, shortened to about `limit` characters for one line of a message.
    func excerpt(limit: Int = 80) -> String {
        let text = rendered
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }

    /// `text` as a JSON string literal, control characters escaped.
    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
