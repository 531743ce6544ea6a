import Crypto
import Foundation

/// An Ed25519 public key with its minisign key id, read and written in minisign's format:
/// base64("Ed" || key id (8 bytes) || public key (32 bytes)).
public struct PublicKey: Hashable, Sendable {
    /// The id signatures made by the matching secret key carry.
    public let keyID: KeyID
    /// The 32-byte Ed25519 public key.
    public let rawRepresentation: Data

    /// Bytes in the decoded base64 line: algorithm tag, key id, key.
    static let encodedLength = 2 + 8 + 32

    /// Pairs a key id with a 32-byte Ed25519 public key.
    public init(keyID: KeyID, rawRepresentation: Data) throws {
        guard rawRepresentation.count == 32 else {
            throw SigningError.malformed("public key \(keyID)", "an Ed25519 public key has 32 bytes, not \(rawRepresentation.count)")
        }
        self.keyID = keyID
        self.rawRepresentation = Data(rawRepresentation)
    }

    /// Pairs a key id with a key already known to have 32 bytes.
    init(keyID: KeyID, checkedRawRepresentation: Data) {
        self.keyID = keyID
        rawRepresentation = checkedRawRepresentation
    }

    /// Reads a minisign public key: a whole `.pub` file (comment line and base64 line) or
    /// just the base64 line, as `minisign -P` takes it. `source` names it in errors.
    public init(minisign text: String, source: String) throws {
        let lines = MinisignText.lines(of: text)
        let keyLine: Substring
        switch lines.count {
        case 1:
            keyLine = lines[0]
        case 2:
            _ = try MinisignText.comment(lines[0], prefix: MinisignText.untrustedPrefix, lineNumber: 1, source: source)
            keyLine = lines[1]
        case 0:
            throw SigningError.malformed(source, "it is empty, a public key is a base64 line")
        default:
            throw SigningError.malformed(
                source, "it has \(lines.count) lines, a public key file has 2 (an untrusted comment and the key)")
        }
        let lineNumber = lines.count
        let data = try MinisignText.decode(keyLine, length: Self.encodedLength, what: "public key",
                                           lineNumber: lineNumber, source: source)
        try MinisignText.checkTag(data, accepted: ["Ed"], what: "public key", source: source)
        try self.init(keyID: KeyID(bytes: data[2..<10]), rawRepresentation: data[10..<42])
    }

    /// The base64 line, as `minisign -P` takes it.
    public var base64: String {
        (Data("Ed".utf8) + keyID.bytes + rawRepresentation).base64EncodedString()
    }

    /// The whole `.pub` file as minisign writes it.
    public var minisignFile: String {
        "\(MinisignText.untrustedPrefix)minisign public key \(keyID)\n\(base64)\n"
    }

    /// The key for swift-crypto's Ed25519 verification.
    var signingKey: Curve25519.Signing.PublicKey {
        get throws {
            do {
                return try Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation)
            } catch {
                throw SigningError.malformed("public key \(keyID)", "swift-crypto refuses it as an Ed25519 key (\(error))")
            }
        }
    }
}
