extension VersionRequirement {
    /// Parses a requirement (see the type's documentation for the grammar); throws
    /// `ManifestError` quoting the text and saying what is wrong with it.
    public init(parsing text: String) throws {
        do {
            self.init(alternatives: try Self.parse(text))
        } catch {
            throw ManifestError.value("version requirement", text, expected: "\(Self.expectation) (\(error.reason))")
        }
    }

    /// Parses a requirement, or returns nil when it is malformed.
    public init?(_ description: String) {
        guard let alternatives = try? Self.parse(description) else { return nil }
        self.init(alternatives: alternatives)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.decodeText(expected: Self.expectation)
        guard let alternatives = try? Self.parse(text) else {
            throw FieldProblem.invalid(expected: Self.expectation).decodingError(at: decoder.codingPath)
        }
        self.init(alternatives: alternatives)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Why a requirement text was refused.
    struct SyntaxProblem: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private static func parse(_ text: String) throws(SyntaxProblem) -> [[VersionComparator]] {
        guard text.utf8.count <= maximumLength else {
            throw SyntaxProblem("it is \(text.utf8.count) bytes long, more than the \(maximumLength) allowed")
        }
        if let odd = text.unicodeScalars.first(where: { !$0.isASCII || ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }) {
            throw SyntaxProblem("it contains the character U+\(String(odd.value, radix: 16, uppercase: true)), which no requirement uses")
        }
        guard text.contains(where: { $0 != " " && $0 != "\t" }) else { throw SyntaxProblem("it is empty; write \"*\" to accept every version") }
        return try alternatives(of: Substring(text)).map { (alternative) throws(SyntaxProblem) in
            guard alternative.contains(where: { $0 != " " && $0 != "\t" }) else {
                throw SyntaxProblem("an alternative around `||` is empty")
            }
            return try alternative.split(separator: ",", omittingEmptySubsequences: false)
                .map { (piece) throws(SyntaxProblem) in try comparator(trimmed(piece)) }
        }
    }

    /// The pieces of `text` between `||` separators.
    private static func alternatives(of text: Substring) -> [Substring] {
        guard text.contains(Character("|")) else { return [text] }
        var pieces: [Substring] = []
        var rest = text
        while let bar = rest.firstRange(of: "||") {
            pieces.append(rest[..<bar.lowerBound])
            rest = rest[bar.upperBound...]
        }
        return pieces + [rest]
    }

    /// `text` without leading and trailing spaces and tabs.
    private static func trimmed(_ text: Substring) -> Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = text.firstIndex(where: { !isBlank($0) }), let end = text.lastIndex(where: { !isBlank($0) }) else { return "" }
        return text[start...end]
    }

    private static func comparator(_ text: Substring) throws(SyntaxProblem) -> VersionComparator {
        guard !text.isEmpty else { throw SyntaxProblem("a comparator around `,` is empty") }
        var op: VersionComparator.Operator?
        var rest = text
        for symbol in [VersionComparator.Operator.greaterOrEqual, .lessOrEqual, .greater, .less, .exact, .caret, .tilde]
        where rest.hasPrefix(symbol.rawValue) {
            op = symbol
            rest = trimmed(rest.dropFirst(symbol.rawValue.count))
            break
        }
        guard !rest.isEmpty else { throw SyntaxProblem("`\(text)` has an operator but no version") }
        if rest.contains(Character("+")) {
            throw SyntaxProblem("`\(text)` has build metadata (`+...`), which takes no part in version precedence; remove it")
        }
        var preRelease: [PreReleaseIdentifier] = []
        if let dash = rest.firstIndex(of: "-") {
            let parts = rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false)
            preRelease = parts.compactMap { PreReleaseIdentifier(String($0)) }
            guard preRelease.count == parts.count else {
                throw SyntaxProblem("`\(text)` has a malformed pre-release; use dot-separated identifiers of 0-9, A-Z, a-z and `-`, numbers without leading zeros")
            }
            rest = rest[..<dash]
            guard !rest.isEmpty else { throw SyntaxProblem("`\(text)` has no version numbers before its `-`") }
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 3 else { throw SyntaxProblem("`\(text)` has more than three numbers") }
        var numbers: [NumericIdentifier] = []
        var wildcard = false
        for part in parts {
            if part == "*" || part == "x" || part == "X" {
                wildcard = true
            } else if let number = NumericIdentifier(String(part)), !wildcard {
                numbers.append(number)
            } else if wildcard, NumericIdentifier(String(part)) != nil {
                throw SyntaxProblem("`\(text)` has a number after a wildcard; only trailing numbers can be left open")
            } else {
                throw SyntaxProblem("`\(part)` in `\(text)` is not a number (digits without leading zeros) or a wildcard")
            }
        }
        let padded = numbers.map(Optional.some) + Array(repeating: nil, count: 3 - numbers.count)
        if wildcard {
            guard op == nil || op == .exact else {
                throw SyntaxProblem("`\(text)` puts a wildcard after `\(op!.rawValue)`; write `1.*` or `=1.*` alone, or a range such as `>=1.0`")
            }
            guard preRelease.isEmpty else { throw SyntaxProblem("`\(text)` has a pre-release after a wildcard") }
            return VersionComparator(op: .wildcard, major: padded[0], minor: padded[1], patch: padded[2], preRelease: [])
        }
        guard preRelease.isEmpty || numbers.count == 3 else {
            throw SyntaxProblem("`\(text)` has a pre-release but not all three numbers; write e.g. `1.0.0-rc.1`")
        }
        return VersionComparator(op: op ?? .caret, major: padded[0], minor: padded[1], patch: padded[2], preRelease: preRelease)
    }
}
