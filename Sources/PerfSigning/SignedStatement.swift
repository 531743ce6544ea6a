import Foundation

/// A statement perf signs, carried in a signature's trusted comment: a kind tag, then
/// space-separated `key=value` fields, e.g.
/// `perf-package:1 name=alice/teddy version=1.2.0 sha256=<64 hex> base=sha256:<64 hex>`.
/// Keys are `[a-z0-9_-]+`; values are non-empty and hold no space, `=` or control character.
public struct SignedStatement: Sendable, Equatable, CustomStringConvertible {
    /// The tag naming what is stated and its version, e.g. `perf-package:1`.
    public let kind: String
    /// The fields in the order they are written.
    public let fields: [(String, String)]

    /// The kind of a package signature: name, version, archive sha256 and base digest.
    public static let packageKind = "perf-package:1"
    /// The kind of a yank or unyank of a published version.
    public static let yankKind = "perf-yank:1"
    /// The kind of a scope's new publisher key, signed by the previous one.
    public static let keyRotationKind = "perf-key-rotation:1"

    /// Makes a statement, refusing a kind, key or value that could not be read back.
    public init(kind: String, fields: [(String, String)]) throws {
        if let (what, value, problem) = Self.problem(kind: kind, fields: fields) {
            throw SigningError.invalidText(what, value, problem)
        }
        self.kind = kind
        self.fields = fields
    }

    /// Parses a trusted comment written by `text`.
    public init(parsing text: String) throws {
        let tokens = text.split(separator: " ", omittingEmptySubsequences: false)
        guard !text.isEmpty, !tokens.contains(where: \.isEmpty) else {
            throw SigningError.malformedStatement(text, "it is empty or has leading, trailing or double spaces")
        }
        let kind = String(tokens[0])
        var fields: [(String, String)] = []
        for token in tokens.dropFirst() {
            let parts = token.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw SigningError.malformedStatement(text, "'\(token)' is not key=value")
            }
            fields.append((String(parts[0]), String(parts[1])))
        }
        if let (what, value, problem) = Self.problem(kind: kind, fields: fields) {
            throw SigningError.malformedStatement(text, "\(what) '\(value)' is refused: \(problem)")
        }
        self.kind = kind
        self.fields = fields
    }

    /// The trusted comment text: the kind, then `key=value` fields, separated by spaces.
    public var text: String {
        ([kind] + fields.map { "\($0.0)=\($0.1)" }).joined(separator: " ")
    }

    /// The statement's text.
    public var description: String { text }

    /// The value of field `key`, if present.
    public subscript(_ key: String) -> String? {
        fields.first { $0.0 == key }?.1
    }

    /// Two statements are equal when kind and fields, in order, are.
    public static func == (lhs: SignedStatement, rhs: SignedStatement) -> Bool {
        lhs.kind == rhs.kind && lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    /// What a package signature states: `base` is the base weights' digest (`sha256:<hex>`),
    /// nil for a base package itself (written `base=none`).
    public static func package(name: String, version: String, sha256: String, base: String?) throws -> SignedStatement {
        try SignedStatement(kind: packageKind, fields: [
            ("name", name), ("version", version), ("sha256", sha256), ("base", base ?? "none"),
        ])
    }

    /// What a yank (`yanked: true`) or unyank (`false`) of `name@version` states.
    public static func yank(name: String, version: String, yanked: Bool) throws -> SignedStatement {
        try SignedStatement(kind: yankKind, fields: [
            ("name", name), ("version", version), ("yanked", yanked ? "true" : "false"),
        ])
    }

    /// What a key rotation states: `newKey` (minisign base64) now signs for `scope`.
    public static func keyRotation(scope: String, newKey: PublicKey) throws -> SignedStatement {
        try SignedStatement(kind: keyRotationKind, fields: [("scope", scope), ("key", newKey.base64)])
    }

    /// The first part that cannot be written, as (what it is, its text, why), or nil.
    private static func problem(kind: String, fields: [(String, String)]) -> (String, String, String)? {
        if let problem = problem(kind: kind) { return ("the statement kind", kind, problem) }
        var seen = Set<String>()
        for (key, value) in fields {
            if let problem = problem(key: key) { return ("the field name", key, problem) }
            if let problem = problem(value: value) { return ("the value of \(key)", value, problem) }
            if !seen.insert(key).inserted { return ("the field", key, "it appears twice") }
        }
        return nil
    }

    private static func problem(kind: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789:._-")
        return !kind.isEmpty && kind.allSatisfy(allowed.contains) ? nil : "a kind is made of a-z, 0-9, ':', '.', '_', '-'"
    }

    private static func problem(key: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_-")
        return !key.isEmpty && key.allSatisfy(allowed.contains) ? nil : "a field name is made of a-z, 0-9, '_', '-'"
    }

    private static func problem(value: String) -> String? {
        if value.isEmpty { return "a value cannot be empty" }
        if value.contains(" ") { return "a value cannot contain a space" }
        if value.contains("=") { return "a value cannot contain '='" }
        if value.unicodeScalars.contains(where: { $0 == "\t" || MinisignText.isUnprintable($0) }) {
            return "a value cannot contain a control character"
        }
        return nil
    }
}
