import PerfDiagnostics

/// Why a key, a signature or a signed statement was refused, or a keyring operation failed.
public struct SigningError: PerfError, Equatable {
    private enum Reason: Equatable {
        /// A key or signature file does not have minisign's layout.
        case malformed(source: String, problem: String)
        /// A minisign secret key protected by a password.
        case encryptedSecretKey(source: String)
        /// A comment or statement value that cannot be written in a signature file.
        case invalidText(what: String, value: String, problem: String)
        /// A trusted comment that is not a well-formed perf statement.
        case malformedStatement(text: String, problem: String)
        /// The signature names another key than the one given to check it.
        case keyIDMismatch(subject: String, signatureKeyID: KeyID, keyID: KeyID)
        /// The Ed25519 signature of the message does not verify.
        case signatureMismatch(subject: String, keyID: KeyID)
        /// The global signature over the trusted comment does not verify.
        case trustedCommentMismatch(subject: String, keyID: KeyID)
        /// The trusted comment is not the statement the caller expected.
        case wrongStatementKind(subject: String, expected: String, found: String)
        /// A signed statement names another package, version, digest or base.
        case statementMismatch(subject: String, field: String, expected: String, found: String)
        /// A key name outside `[a-z0-9._-]`.
        case invalidKeyName(name: String)
        /// `Keyring.generate` would overwrite a key.
        case keyExists(name: String, path: String)
        /// No key of that name in the keyring.
        case keyNotFound(name: String, directory: String, available: [String])
        /// Reading or writing a key file failed.
        case io(path: String, operation: String, problem: String)
    }

    private let reason: Reason

    private init(_ reason: Reason) { self.reason = reason }

    static func malformed(_ source: String, _ problem: String) -> SigningError {
        SigningError(.malformed(source: source, problem: problem))
    }
    static func encryptedSecretKey(_ source: String) -> SigningError {
        SigningError(.encryptedSecretKey(source: source))
    }
    static func invalidText(_ what: String, _ value: String, _ problem: String) -> SigningError {
        SigningError(.invalidText(what: what, value: value, problem: problem))
    }
    static func malformedStatement(_ text: String, _ problem: String) -> SigningError {
        SigningError(.malformedStatement(text: text, problem: problem))
    }
    static func keyIDMismatch(_ subject: String, signature: KeyID, key: KeyID) -> SigningError {
        SigningError(.keyIDMismatch(subject: subject, signatureKeyID: signature, keyID: key))
    }
    static func signatureMismatch(_ subject: String, _ keyID: KeyID) -> SigningError {
        SigningError(.signatureMismatch(subject: subject, keyID: keyID))
    }
    static func trustedCommentMismatch(_ subject: String, _ keyID: KeyID) -> SigningError {
        SigningError(.trustedCommentMismatch(subject: subject, keyID: keyID))
    }
    static func wrongStatementKind(_ subject: String, expected: String, found: String) -> SigningError {
        SigningError(.wrongStatementKind(subject: subject, expected: expected, found: found))
    }
    static func statementMismatch(_ subject: String, field: String, expected: String, found: String) -> SigningError {
        SigningError(.statementMismatch(subject: subject, field: field, expected: expected, found: found))
    }
    static func invalidKeyName(_ name: String) -> SigningError {
        SigningError(.invalidKeyName(name: name))
    }
    static func keyExists(_ name: String, path: String) -> SigningError {
        SigningError(.keyExists(name: name, path: path))
    }
    static func keyNotFound(_ name: String, directory: String, available: [String]) -> SigningError {
        SigningError(.keyNotFound(name: name, directory: directory, available: available))
    }
    static func io(_ path: String, _ operation: String, _ problem: String) -> SigningError {
        SigningError(.io(path: path, operation: operation, problem: problem))
    }

    /// Data errors for broken files, verification failures for refused signatures.
    public var exitStatus: ExitStatus {
        switch reason {
        case .malformed, .encryptedSecretKey, .invalidText, .malformedStatement: .dataError
        case .keyIDMismatch, .signatureMismatch, .trustedCommentMismatch, .wrongStatementKind, .statementMismatch:
            .verificationFailed
        case .invalidKeyName: .usage
        case .keyExists: .conflict
        case .keyNotFound: .notFound
        case .io: .ioError
        }
    }

    /// What happened, to which file, key or package, and what to do.
    public var description: String {
        switch reason {
        case let .malformed(source, problem):
            return "\(source) is not a valid minisign file: \(problem)"
        case let .encryptedSecretKey(source):
            return "\(source) is a password-protected minisign secret key; perf needs an unencrypted key: "
                + "remove the password with `minisign -C -W -s \(source)`, or make a new key with "
                + "`perf keys generate` (or `minisign -G -W`)"
        case let .invalidText(what, value, problem):
            return "cannot sign \(what) \(quoted(value)): \(problem)"
        case let .malformedStatement(text, problem):
            return "the trusted comment \(quoted(text)) is not a perf statement: \(problem); "
                + "perf signs statements like 'perf-package:1 name=scope/name version=1.0.0 sha256=... base=none'"
        case let .keyIDMismatch(subject, signatureKeyID, keyID):
            return "the signature of \(subject) was made by key \(signatureKeyID), not by the given key \(keyID); "
                + "verify it with the public key \(signatureKeyID), or ask the publisher which key signs it"
        case let .signatureMismatch(subject, keyID):
            return "the signature of \(subject) by key \(keyID) does not match its contents: the file, its "
                + "signature or the public key was changed; do not use the file, fetch it again from its source"
        case let .trustedCommentMismatch(subject, keyID):
            return "the trusted comment in the signature of \(subject) (key \(keyID)) does not match its "
                + "global signature: the comment or the signature was changed; fetch the signature again"
        case let .wrongStatementKind(subject, expected, found):
            return "the signature of \(subject) signs a \(quoted(found)) statement, not a \(quoted(expected)) one: "
                + "it was made for something else; fetch the right signature"
        case let .statementMismatch(subject, field, expected, found):
            return "the signature of \(subject) is for \(field) \(quoted(found)), not \(quoted(expected)): "
                + "a signature cannot be moved to another package, version or archive; fetch the right signature"
        case let .invalidKeyName(name):
            return "\(quoted(name)) is not a valid key name: use 1 to 64 characters from a-z, 0-9, '.', '_' "
                + "and '-', not starting with '.'"
        case let .keyExists(name, path):
            return "a key named \(quoted(name)) already exists at \(path); perf never overwrites a key: "
                + "choose another name, or remove the old key yourself if you are sure"
        case let .keyNotFound(name, directory, available):
            let known = available.isEmpty ? "there are no keys yet" : "known keys: " + available.joined(separator: ", ")
            return "no key named \(quoted(name)) in \(directory) (\(known)); create one with `perf keys generate \(name)`"
        case let .io(path, operation, problem):
            return "could not \(operation) \(path): \(problem)"
        }
    }

    private func quoted(_ text: String) -> String { "'\(text)'" }
}
