import Foundation

extension JSONValue {
    /// The value as JSON text the way Python's `json.dumps(indent=2, sort_keys=True)` writes
    /// configuration files, with a final newline. Numbers keep their kind: an integral
    /// floating-point value is written `1.0`, not `1`, since the libraries' strictly typed
    /// configuration fields (transformers' `initializer_factor`) refuse an integer there.
    func fileData() -> Data {
        var text = ""
        write(to: &text, indent: "")
        return Data((text + "\n").utf8)
    }

    private func write(to text: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .int(let value): text += String(value)
        case .number(let value):
            text += value.rounded() == value && abs(value) < 1e16 ? String(format: "%.1f", value) : String(value)
        case .string(let value): text += Self.quoted(value)
        case .array(let values):
            guard !values.isEmpty else { text += "[]"; return }
            text += "[\n"
            for (index, value) in values.enumerated() {
                text += inner
                value.write(to: &text, indent: inner)
                text += index == values.count - 1 ? "\n" : ",\n"
            }
            text += indent + "]"
        case .object(let members):
            guard !members.isEmpty else { text += "{}"; return }
            text += "{\n"
            let keys = members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            for (index, key) in keys.enumerated() {
                text += inner + Self.quoted(key) + ": "
                members[key]!.write(to: &text, indent: inner)
                text += index == keys.count - 1 ? "\n" : ",\n"
            }
            text += indent + "}"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest as is.
    private static func quoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// One integer when every entry of `values` is the same, else the list (diffusers reads both).
    static func perBlock(_ values: [Int]) -> JSONValue {
        if let first = values.first, values.allSatisfy({ $0 == first }) { return .int(first) }
        return .array(values.map(JSONValue.int))
    }

    /// A list of strings.
    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
}
