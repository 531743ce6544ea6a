/// Reads UTF-8 JSON text into a `JSONValue`, strictly (RFC 8259): no comments, no trailing
/// commas, no NaN, no lone surrogates, no duplicate keys, numbers within Float64's range,
/// nesting at most `maximumDepth` deep. A byte-order mark at the start is skipped.
struct JSONReader {
    /// Why the text is not a document perf accepts.
    enum Failure: Error, Equatable {
        /// The text is not JSON; `line` and `column` count from 1.
        case syntax(line: Int, column: Int, message: String)
        /// The JSON is well formed but a value in it is refused.
        case field(FieldPath, FieldProblem)
    }

    /// How deep arrays and objects may nest; perf's formats need five levels.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var offset = 0

    /// Parses `data` as one JSON document.
    static func read(_ data: some Collection<UInt8>) throws(Failure) -> JSONValue {
        var reader = JSONReader(bytes: Array(data))
        if reader.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.offset = 3 }
        let value = try reader.readValue(at: FieldPath(), depth: 0)
        reader.skipWhitespace()
        guard reader.offset == reader.bytes.count else { throw reader.syntax("unexpected text after the document") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func readValue(at path: FieldPath, depth: Int) throws(Failure) -> JSONValue {
        skipWhitespace()
        guard let byte = current else { throw syntax("the document ends where a value should be") }
        switch byte {
        case UInt8(ascii: "{"): return try readObject(at: path, depth: depth + 1)
        case UInt8(ascii: "["): return try readArray(at: path, depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber(at: path)
        default: throw syntax("expected a value")
        }
    }

    private mutating func readObject(at path: FieldPath, depth: Int) throws(Failure) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw .field(path, .tooDeep) }
        offset += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") { offset += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw syntax("expected a key in double quotes") }
            let key = try readString()
            guard members[key] == nil else { throw .field(path.appending(key), .duplicate) }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw syntax("expected ':' after the key") }
            offset += 1
            members[key] = try readValue(at: path.appending(key), depth: depth)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"): offset += 1; return .object(members)
            default: throw syntax("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func readArray(at path: FieldPath, depth: Int) throws(Failure) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw .field(path, .tooDeep) }
        offset += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { offset += 1; return .array(elements) }
        while true {
            elements.append(try readValue(at: path.appending(index: elements.count), depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"): offset += 1; return .array(elements)
            default: throw syntax("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func readNumber(at path: FieldPath) throws(Failure) -> JSONValue {
        let start = offset
        if current == UInt8(ascii: "-") { offset += 1 }
        if current == UInt8(ascii: "0") {
            offset += 1
        } else {
            guard try skipDigits() else { throw syntax("expected a digit") }
        }
        if current == UInt8(ascii: ".") {
            offset += 1
            guard try skipDigits() else { throw syntax("expected a digit after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            guard try skipDigits() else { throw syntax("expected a digit in the exponent") }
        }
        let literal = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard let value = Double(literal), value.isFinite else { throw .field(path, .numberOutOfRange(literal)) }
        return .number(literal)
    }

    /// Skips ASCII digits; true when there was at least one.
    private mutating func skipDigits() throws(Failure) -> Bool {
        let start = offset
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { offset += 1 }
        return offset > start
    }

    private mutating func readString() throws(Failure) -> String {
        offset += 1
        var utf8: [UInt8] = []
        while true {
            guard let byte = current else { throw syntax("the document ends inside a string") }
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                guard let text = String(validating: utf8, as: UTF8.self) else { throw syntax("a string is not valid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                offset += 1
                utf8.append(contentsOf: try readEscape())
            case 0..<0x20:
                throw syntax("a control character must be escaped inside a string")
            default:
                utf8.append(byte)
                offset += 1
            }
        }
    }

    /// Reads the escape after a backslash and returns its UTF-8 bytes.
    private mutating func readEscape() throws(Failure) -> [UInt8] {
        guard let byte = current else { throw syntax("the document ends inside an escape") }
        offset += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return [byte]
        case UInt8(ascii: "b"): return [0x08]
        case UInt8(ascii: "f"): return [0x0C]
        case UInt8(ascii: "n"): return [0x0A]
        case UInt8(ascii: "r"): return [0x0D]
        case UInt8(ascii: "t"): return [0x09]
        case UInt8(ascii: "u"):
            var code = try readHex4()
            if (0xD800..<0xDC00).contains(code) {
                guard bytes[offset...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
                    throw syntax("a \\u escape is a lone surrogate")
                }
                offset += 2
                let low = try readHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw syntax("a \\u escape is a lone surrogate") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(code) {
                throw syntax("a \\u escape is a lone surrogate")
            }
            return Array(String(Character(Unicode.Scalar(code)!)).utf8)
        default:
            offset -= 1
            throw syntax("unknown escape in a string")
        }
    }

    private mutating func readHex4() throws(Failure) -> UInt32 {
        guard offset + 4 <= bytes.count,
              let code = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16),
              bytes[offset..<offset + 4].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") })
        else { throw syntax("expected four hex digits after \\u") }
        offset += 4
        return code
    }

    private mutating func expectWord(_ word: String) throws(Failure) {
        guard bytes[offset...].starts(with: word.utf8) else { throw syntax("expected a value") }
        offset += word.utf8.count
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { offset += 1 }
    }

    /// A syntax failure at the current offset, with its line and column.
    private func syntax(_ message: String) -> Failure {
        let before = bytes[..<min(offset, bytes.count)]
        let line = before.count(where: { $0 == 0x0A }) + 1
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).count + 1
        return .syntax(line: line, column: column, message: message)
    }
}
