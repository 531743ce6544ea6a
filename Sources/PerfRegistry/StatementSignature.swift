import Foundation
import PerfSigning

/// How registry statements (yanks, key rotations) are signed: a minisign signature whose
/// message is the statement's text (UTF-8) and whose trusted comment is that same text, so
/// both the stock `minisign` tool and perf can check one.
public enum StatementSignature {
    /// Signs `statement` with `key`.
    public static func sign(_ statement: SignedStatement, with key: SecretKey) throws -> Minisig {
        try Minisign.sign(Data(statement.text.utf8), with: key, trustedComment: statement.text,
                          untrustedComment: "perf statement signed by key \(key.keyID)")
    }

    /// Checks that `signature` is `key`'s signature of exactly `statement`; `subject` names it in errors.
    static func verify(_ signature: Minisig, states statement: SignedStatement, with key: PublicKey,
                       subject: String) throws {
        try Minisign.verify(signature, of: Data(statement.text.utf8), with: key, subject: subject)
        guard signature.trustedComment == statement.text else {
            throw StatementMismatch(expected: statement.text, found: signature.trustedComment)
        }
    }
}

/// A verified statement that says something other than what was expected.
struct StatementMismatch: Error, CustomStringConvertible {
    /// The statement the operation needs.
    let expected: String
    /// The statement that was signed.
    let found: String

    var description: String { "it states '\(found)', not '\(expected)'" }
}
