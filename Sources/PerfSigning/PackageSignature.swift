import Crypto
import Foundation

/// Signatures of package archives: a minisign signature whose trusted comment is a
/// `perf-package:1` statement binding name, version, the archive's sha256 and the base
/// digest, so a signature cannot be moved to another archive, package or version.
public struct PackageSignature: Sendable {
    /// Signs `archive` as `name@version` on `base` (nil for a base package).
    public static func sign(archive: Data, name: String, version: String, base: String?,
                            with key: SecretKey) throws -> Minisig {
        let statement = try SignedStatement.package(name: name, version: version, sha256: sha256(of: archive), base: base)
        return try Minisign.sign(archive, with: key, trustedComment: statement.text,
                                 untrustedComment: "signature of \(name)@\(version) by perf key \(key.keyID)")
    }

    /// Checks that `signature` was made by `key` over `archive` and states exactly this
    /// name, version, archive sha256 and base; an error names the first field that differs.
    public static func verify(_ signature: Minisig, archive: Data, name: String, version: String, base: String?,
                              with key: PublicKey) throws {
        let subject = "\(name)@\(version)"
        try Minisign.verify(signature, of: archive, with: key, subject: subject)
        let statement = try self.statement(of: signature)
        let expected: [(String, String)] = [
            ("name", name), ("version", version), ("sha256", sha256(of: archive)), ("base", base ?? "none"),
        ]
        for (field, value) in expected where statement[field] != value {
            throw SigningError.statementMismatch(subject, field: field, expected: value,
                                                 found: statement[field] ?? "(missing)")
        }
    }

    /// The `perf-package:1` statement in a signature's trusted comment.
    public static func statement(of signature: Minisig) throws -> SignedStatement {
        let statement = try SignedStatement(parsing: signature.trustedComment)
        guard statement.kind == SignedStatement.packageKind else {
            throw SigningError.wrongStatementKind("the package", expected: SignedStatement.packageKind,
                                                  found: statement.kind)
        }
        return statement
    }

    /// Lowercase hex SHA-256 of `data`.
    static func sha256(of data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
