import Crypto
import Foundation
import PerfDiagnostics

/// Signing and verifying as minisign does, so the stock `minisign` tool checks perf's
/// signatures and perf checks minisign's.
public enum Minisign {
    /// Signs the BLAKE2b-512 digest of `message` (an "ED" signature) and binds
    /// `trustedComment` to it with the global signature. Comments must be one line of
    /// printable text (minisign refuses others); a `SignedStatement`'s text always is.
    public static func sign(_ message: Data, with key: SecretKey, trustedComment: String,
                            untrustedComment: String = "signature from perf secret key") throws -> Minisig {
        try MinisignText.checkComment(trustedComment, what: "the trusted comment",
                                      maxBytes: MinisignText.trustedCommentMaxBytes)
        try MinisignText.checkComment(untrustedComment, what: "the untrusted comment",
                                      maxBytes: MinisignText.untrustedCommentMaxBytes)
        let signingKey = try key.signingKey
        let signature = try ed25519(signingKey, BLAKE2b.hash(message))
        let global = try ed25519(signingKey, signature + Data(trustedComment.utf8))
        return Minisig(untrustedComment: untrustedComment, algorithm: .prehashed, keyID: key.keyID,
                       signature: signature, trustedComment: trustedComment, globalSignature: global)
    }

    /// Checks that `signature` was made by `key` over `message` and that its trusted comment
    /// is the one signed: the key ids match, the message signature verifies (prehashed or
    /// legacy), and the global signature verifies. `subject` names the message in errors.
    public static func verify(_ signature: Minisig, of message: Data, with key: PublicKey,
                              subject: String = "the file") throws {
        guard signature.keyID == key.keyID else {
            throw SigningError.keyIDMismatch(subject, signature: signature.keyID, key: key.keyID)
        }
        let verifier = try key.signingKey
        let signed = signature.algorithm == .prehashed ? BLAKE2b.hash(message) : message
        guard verifier.isValidSignature(signature.signature, for: signed) else {
            throw SigningError.signatureMismatch(subject, key.keyID)
        }
        guard verifier.isValidSignature(signature.globalSignature,
                                        for: signature.signature + Data(signature.trustedComment.utf8)) else {
            throw SigningError.trustedCommentMismatch(subject, key.keyID)
        }
    }

    private static func ed25519(_ key: Curve25519.Signing.PrivateKey, _ data: Data) throws -> Data {
        do {
            return try key.signature(for: data)
        } catch {
            throw InternalError("Ed25519 signing failed in swift-crypto: \(error)")
        }
    }
}
