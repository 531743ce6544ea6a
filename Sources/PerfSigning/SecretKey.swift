import Crypto
import Foundation

/// An Ed25519 secret key with its minisign key id, stored as an unencrypted minisign
/// secret key file (what `minisign -G -W` writes), so minisign can sign with it too.
public struct SecretKey: Sendable {
    /// The id written into every signature this key makes.
    public let keyID: KeyID
    /// The matching public key.
    public private(set) var publicKey: PublicKey
    /// The 32-byte Ed25519 seed (libsodium's secret key is seed || public key).
    let seed: Data

    /// Layout of the decoded base64 line of a minisign secret key file.
    enum Layout {
        static let signatureAlgorithm = 0..<2
        static let kdfAlgorithm = 2..<4
        static let checksumAlgorithm = 4..<6
        static let kdfSalt = 6..<38
        static let kdfLimits = 38..<54
        static let keyID = 54..<62
        static let seed = 62..<94
        static let publicKey = 94..<126
        static let checksum = 126..<158
        static let length = 158
    }

    /// Makes a key from a seed, deriving the public key.
    init(keyID: KeyID, seed: Data) throws {
        let key = try Self.signingKey(seed: seed, keyID: keyID)
        self.keyID = keyID
        self.seed = Data(seed)
        publicKey = try PublicKey(keyID: keyID, rawRepresentation: key.publicKey.rawRepresentation)
    }

    /// A fresh key pair with a random key id, as `minisign -G` makes one.
    public static func generate() -> SecretKey {
        let key = Curve25519.Signing.PrivateKey()
        let keyID = KeyID.random()
        // A fresh swift-crypto key always has a 32-byte seed and public key.
        return SecretKey(unchecked: keyID, seed: key.rawRepresentation, publicKey: key.publicKey.rawRepresentation)
    }

    private init(unchecked keyID: KeyID, seed: Data, publicKey: Data) {
        self.keyID = keyID
        self.seed = seed
        self.publicKey = PublicKey(keyID: keyID, checkedRawRepresentation: publicKey)
    }

    /// Reads an unencrypted minisign secret key file. A password-protected one is refused
    /// with advice (`minisign -C -W` removes the password). `source` names it in errors.
    public init(minisignFile text: String, source: String) throws {
        let lines = MinisignText.lines(of: text)
        guard lines.count == 2 else {
            throw SigningError.malformed(
                source, "it has \(lines.count) lines, a secret key file has 2 (an untrusted comment and the key)")
        }
        _ = try MinisignText.comment(lines[0], prefix: MinisignText.untrustedPrefix, lineNumber: 1, source: source)
        let data = try MinisignText.decode(lines[1], length: Layout.length, what: "secret key", lineNumber: 2, source: source)
        try MinisignText.checkTag(data, accepted: ["Ed"], what: "secret key", source: source)
        guard data[Layout.checksumAlgorithm] == Data("B2".utf8) else {
            throw SigningError.malformed(source, "its checksum algorithm is not \"B2\" (BLAKE2b)")
        }
        switch data[Layout.kdfAlgorithm] {
        case Data([0, 0]): break
        case Data("Sc".utf8): throw SigningError.encryptedSecretKey(source)
        default: throw SigningError.malformed(source, "its key derivation algorithm is neither none nor \"Sc\" (scrypt)")
        }
        let keyID = KeyID(bytes: data[Layout.keyID])
        // minisign leaves the checksum of an unencrypted key zero; one that is set must match.
        let checksum = data[Layout.checksum]
        if checksum.contains(where: { $0 != 0 }),
           checksum != Self.checksum(keyID: keyID, seed: data[Layout.seed], publicKey: data[Layout.publicKey]) {
            throw SigningError.malformed(source, "its BLAKE2b checksum does not match the key: the file is corrupt")
        }
        try self.init(keyID: keyID, seed: data[Layout.seed])
        guard publicKey.rawRepresentation == data[Layout.publicKey] else {
            throw SigningError.malformed(source, "its public half does not match its seed: the file is corrupt")
        }
    }

    /// The unencrypted minisign secret key file: comment line, then base64 of
    /// "Ed" || kdf none || "B2" || zero salt and limits || key id || seed || public key || checksum.
    public var minisignFile: String {
        var data = Data("Ed".utf8) + Data([0, 0]) + Data("B2".utf8)
        data += Data(count: Layout.keyID.lowerBound - data.count)
        data += keyID.bytes + seed + publicKey.rawRepresentation
        data += Self.checksum(keyID: keyID, seed: seed, publicKey: publicKey.rawRepresentation)
        return "\(MinisignText.untrustedPrefix)minisign secret key \(keyID), unencrypted\n\(data.base64EncodedString())\n"
    }

    /// minisign's secret key checksum: BLAKE2b-256 of "Ed" || key id || seed || public key.
    static func checksum(keyID: KeyID, seed: Data, publicKey: Data) -> Data {
        BLAKE2b.hash(Data("Ed".utf8) + keyID.bytes + seed + publicKey, outputLength: 32)
    }

    /// The key for swift-crypto's Ed25519 signing.
    var signingKey: Curve25519.Signing.PrivateKey {
        get throws { try Self.signingKey(seed: seed, keyID: keyID) }
    }

    private static func signingKey(seed: Data, keyID: KeyID) throws -> Curve25519.Signing.PrivateKey {
        do {
            return try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        } catch {
            throw SigningError.malformed("secret key \(keyID)", "swift-crypto refuses its seed as an Ed25519 key (\(error))")
        }
    }
}
