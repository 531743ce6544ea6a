import Foundation

/// A detached minisign signature (a `.minisig` file): an untrusted comment, the signature of
/// the message, a trusted comment and the global signature binding that comment to it.
public struct Minisig: Sendable, Equatable {
    /// What the signature's Ed25519 signature covers.
    public enum Algorithm: String, Sendable, Equatable {
        /// "ED": the BLAKE2b-512 digest of the message (minisign's default since 0.8).
        case prehashed = "ED"
        /// "Ed": the message itself (minisign's legacy format, `minisign -S -l`).
        case legacy = "Ed"
    }

    /// The first line's text: not signed, anyone may change it.
    public let untrustedComment: String
    /// Whether the message or its BLAKE2b-512 digest was signed.
    public let algorithm: Algorithm
    /// The id of the key that made the signature.
    public let keyID: KeyID
    /// The 64-byte Ed25519 signature of the message (or its digest).
    public let signature: Data
    /// The third line's text, covered by the global signature.
    public let trustedComment: String
    /// The 64-byte Ed25519 signature of `signature || trustedComment`.
    public let globalSignature: Data

    /// Bytes in the decoded signature line: algorithm tag, key id, signature.
    static let encodedLength = 2 + 8 + 64

    /// Assembles a signature from its parts.
    init(untrustedComment: String, algorithm: Algorithm, keyID: KeyID, signature: Data,
         trustedComment: String, globalSignature: Data) {
        self.untrustedComment = untrustedComment
        self.algorithm = algorithm
        self.keyID = keyID
        self.signature = signature
        self.trustedComment = trustedComment
        self.globalSignature = globalSignature
    }

    /// Reads a `.minisig` file; `source` names it in errors.
    public init(text: String, source: String) throws {
        let lines = MinisignText.lines(of: text)
        guard lines.count == 4 else {
            throw SigningError.malformed(
                source, "it has \(lines.count) lines, a minisign signature has 4 (untrusted comment, signature, "
                    + "trusted comment, global signature)")
        }
        let untrusted = try MinisignText.comment(lines[0], prefix: MinisignText.untrustedPrefix, lineNumber: 1, source: source)
        let data = try MinisignText.decode(lines[1], length: Self.encodedLength, what: "signature", lineNumber: 2, source: source)
        try MinisignText.checkTag(data, accepted: [Algorithm.prehashed.rawValue, Algorithm.legacy.rawValue],
                                  what: "signature", source: source)
        let trusted = try MinisignText.comment(lines[2], prefix: MinisignText.trustedPrefix, lineNumber: 3, source: source)
        let global = try MinisignText.decode(lines[3], length: 64, what: "global signature", lineNumber: 4, source: source)
        self.init(untrustedComment: untrusted,
                  algorithm: data.prefix(2) == Data("ED".utf8) ? .prehashed : .legacy,
                  keyID: KeyID(bytes: data[2..<10]),
                  signature: Data(data[10..<74]),
                  trustedComment: trusted,
                  globalSignature: global)
    }

    /// The `.minisig` file as minisign writes it.
    public var text: String {
        let line = (Data(algorithm.rawValue.utf8) + keyID.bytes + signature).base64EncodedString()
        return "\(MinisignText.untrustedPrefix)\(untrustedComment)\n\(line)\n"
            + "\(MinisignText.trustedPrefix)\(trustedComment)\n\(globalSignature.base64EncodedString())\n"
    }
}
