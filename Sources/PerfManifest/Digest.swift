/// A SHA-256 digest, coded as `"sha256:<64 lowercase hex digits>"` (fields named `*digest`).
/// Fields named `sha256` hold the bare 64 hex digits of the same value.
public struct Digest: Hashable, Sendable, Codable, CustomStringConvertible, LosslessStringConvertible {
    /// The 64 lowercase hex digits.
    public let hex: String

    /// What a valid digest looks like, for error messages.
    public static let expectation = "a digest `sha256:` followed by 64 lowercase hex digits"
    /// What a valid bare SHA-256 looks like, for error messages.
    public static let hexExpectation = "64 lowercase hex digits (a SHA-256)"

    /// A digest from its 64 lowercase hex digits; throws `ManifestError` otherwise.
    public init(sha256Hex hex: String) throws {
        guard Self.isValidHex(hex) else { throw ManifestError.value("SHA-256", hex, expected: Self.hexExpectation) }
        self.hex = hex
    }

    /// Parses `sha256:<hex>`; throws `ManifestError` naming the text when it is malformed.
    public init(parsing text: String) throws {
        let hex = String(decoding: text.utf8.dropFirst(7), as: UTF8.self)
        guard text.utf8.starts(with: "sha256:".utf8), Self.isValidHex(hex) else {
            throw ManifestError.value("digest", text, expected: Self.expectation)
        }
        self.hex = hex
    }

    /// Parses `sha256:<hex>`, or returns nil when it is malformed.
    public init?(_ description: String) {
        guard let parsed = try? Digest(parsing: description) else { return nil }
        self = parsed
    }

    /// `sha256:<hex>`.
    public var description: String { "sha256:" + hex }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.decodeText(expected: Self.expectation)
        guard let parsed = Digest(text) else {
            throw FieldProblem.invalid(expected: Self.expectation).decodingError(at: decoder.codingPath)
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// True for exactly 64 characters of 0-9 and a-f.
    static func isValidHex(_ hex: String) -> Bool {
        hex.utf8.count == 64 && hex.utf8.allSatisfy(ASCII.isLowerHex)
    }
}
