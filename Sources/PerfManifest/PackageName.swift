/// A package's name, `scope/name`: the scope is the publisher (its keys sign the package),
/// the name is unique within the scope. Each part matches `^[a-z0-9][a-z0-9_-]{0,63}$`.
/// Coded as the string `"scope/name"`; ordered by scope, then name.
public struct PackageName: Comparable, Hashable, Sendable, Codable, LosslessStringConvertible {
    /// The publisher's part, before the slash.
    public let scope: String
    /// The package's part, after the slash.
    public let name: String

    /// What a valid name looks like, for error messages.
    public static let expectation = "a package name `scope/name` (each part 1 to 64 of a-z, 0-9, _ and -, starting with a letter or digit)"

    /// A name from its two parts; throws `ManifestError` when either part is malformed.
    public init(scope: String, name: String) throws {
        guard Self.isValidPart(scope), Self.isValidPart(name) else {
            throw ManifestError.value("package name", scope + "/" + name, expected: Self.expectation)
        }
        self.scope = scope
        self.name = name
    }

    /// Parses `scope/name`; throws `ManifestError` naming the text when it is malformed.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw ManifestError.value("package name", text, expected: Self.expectation) }
        try self.init(scope: String(parts[0]), name: String(parts[1]))
    }

    /// Parses `scope/name`, or returns nil when it is malformed.
    public init?(_ description: String) {
        guard let parsed = try? PackageName(parsing: description) else { return nil }
        self = parsed
    }

    /// `scope/name`.
    public var description: String { scope + "/" + name }

    public static func < (lhs: PackageName, rhs: PackageName) -> Bool {
        (lhs.scope, lhs.name) < (rhs.scope, rhs.name)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.decodeText(expected: Self.expectation)
        guard let parsed = PackageName(text) else {
            throw FieldProblem.invalid(expected: Self.expectation).decodingError(at: decoder.codingPath)
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// True when `part` is 1 to 64 characters of a-z, 0-9, `_`, `-`, starting with a letter or digit.
    static func isValidPart(_ part: String) -> Bool {
        let bytes = Array(part.utf8)
        guard (1...64).contains(bytes.count), let first = bytes.first, ASCII.isLowerAlphanumeric(first) else { return false }
        return bytes.allSatisfy { ASCII.isLowerAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }
}
