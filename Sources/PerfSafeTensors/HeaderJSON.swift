/// A JSON value from a safetensors header. Objects keep their keys in file order;
/// numbers keep their literal text so that integers are checked exactly.
indirect enum HeaderJSON {
    case object([(key: String, value: HeaderJSON)])
    case array([HeaderJSON])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// What kind of value this is, for error messages ("a string", "an array").
    var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string(let text): "the string \"\(text)\""
        case .number(let text): "the number \(text)"
        case .bool(let flag): "\(flag)"
        case .null: "null"
        }
    }

    /// Parses `bytes` (valid UTF-8) as one JSON value, allowing surrounding whitespace.
    /// Rejects duplicate keys in an object, lone surrogates, and nesting deeper than 64.
    static func parse(_ bytes: [UInt8], source: String) throws -> HeaderJSON {
        var parser = Parser(bytes: bytes, source: source)
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure("unexpected text after the JSON object") }
        return value
    }

    /// A strict RFC 8259 parser over bytes; no recursion deeper than `maxDepth`.
    private struct Parser {
        static let maxDepth = 64
        let bytes: [UInt8]
        let source: String
        var index = 0
        var depth = 0

        func failure(_ what: String) -> SafeTensorsError {
            SafeTensorsError(source, .header(field: nil, "invalid JSON at byte \(index) of the header: \(what)"))
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func expect(_ literal: String) throws {
            for byte in literal.utf8 {
                guard current == byte else { throw failure("expected \"\(literal)\"") }
                index += 1
            }
        }

        mutating func value() throws -> HeaderJSON {
            guard let byte = current else { throw failure("the header ends where a value should start") }
            switch byte {
            case UInt8(ascii: "{"): return try nested { try $0.object() }
            case UInt8(ascii: "["): return try nested { try $0.array() }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "n"): try expect("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw failure("unexpected character where a value should start")
            }
        }

        mutating func nested(_ body: (inout Parser) throws -> HeaderJSON) throws -> HeaderJSON {
            depth += 1
            guard depth <= Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth) levels") }
            defer { depth -= 1 }
            return try body(&self)
        }

        mutating func object() throws -> HeaderJSON {
            var members: [(key: String, value: HeaderJSON)] = []
            var seen: Set<String> = []
            try elements(closedBy: "}") { parser in
                guard parser.current == UInt8(ascii: "\"") else { throw parser.failure("expected a quoted key") }
                let key = try parser.string()
                guard seen.insert(key).inserted else {
                    throw SafeTensorsError(parser.source, .header(field: key, "the key appears twice in one JSON object, so which value is meant is ambiguous"))
                }
                parser.skipWhitespace()
                try parser.expect(":")
                parser.skipWhitespace()
                members.append((key, try parser.value()))
            }
            return .object(members)
        }

        mutating func array() throws -> HeaderJSON {
            var elements: [HeaderJSON] = []
            try self.elements(closedBy: "]") { elements.append(try $0.value()) }
            return .array(elements)
        }

        /// Skips the opening bracket, then reads comma-separated elements up to `closing`.
        mutating func elements(closedBy closing: Unicode.Scalar, _ element: (inout Parser) throws -> Void) throws {
            index += 1
            skipWhitespace()
            if current == UInt8(ascii: closing) { index += 1; return }
            while true {
                skipWhitespace()
                try element(&self)
                skipWhitespace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                try expect(String(closing))
                return
            }
        }

        mutating func string() throws -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var run: [UInt8] = []  // unescaped UTF-8 bytes not yet appended
            func flush() { scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars); run.removeAll() }
            while true {
                guard let byte = current else { throw failure("unterminated string") }
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush()
                    scalars.append(try escape())
                case ..<0x20:
                    throw failure("unescaped control character in a string")
                default:
                    run.append(byte)
                }
            }
        }

        mutating func escape() throws -> Unicode.Scalar {
            guard let byte = current else { throw failure("unterminated escape") }
            index += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return Unicode.Scalar(byte)
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                let unit = try hex4()
                if (0xDC00...0xDFFF).contains(unit) { throw failure("lone low surrogate \\u escape") }
                guard (0xD800...0xDBFF).contains(unit) else { return Unicode.Scalar(unit)! }
                guard current == UInt8(ascii: "\\") else { throw failure("lone high surrogate \\u escape") }
                index += 1
                try expect("u")
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("high surrogate not followed by a low one") }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
            default:
                throw failure("unknown escape \\\(Character(Unicode.Scalar(byte)))")
            }
        }

        mutating func hex4() throws -> UInt32 {
            var result: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = current, let digit = Character(Unicode.Scalar(byte)).hexDigitValue else {
                    throw failure("\\u needs four hex digits")
                }
                result = result * 16 + UInt32(digit)
                index += 1
            }
            return result
        }

        mutating func number() throws -> String {
            let start = index
            if current == UInt8(ascii: "-") { index += 1 }
            func digits() -> Int {
                let from = index
                while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
                return index - from
            }
            if current == UInt8(ascii: "0") { index += 1 } else if digits() == 0 { throw failure("malformed number") }
            if current == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw failure("malformed number") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw failure("malformed number") }
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }
}
