import Foundation
import PerfSigning

/// `log/checkpoint`: the log's size and head hash, signed by the registry's checkpoint key
/// (the Go checksum database's signed tree head, for a hash chain). The signature is a plain
/// minisign signature whose message and trusted comment are both the statement
///
///     perf-checkpoint:1 origin=<registry name> size=<entries> head=<64 hex>
///
/// (see `StatementSignature`), so the stock `minisign -V` checks it too. The file is one
/// JSON object (`Schemas/checkpoint.schema.json`): `schema`, `origin`, `size`, `head` and
/// `signature` (the `.minisig` text); its `size` and `head` still decode as a `LogCheckpoint`.
public struct SignedCheckpoint: Sendable, Equatable {
    /// The statement kind of a checkpoint.
    public static let statementKind = "perf-checkpoint:1"
    /// The file format version.
    public static let schema = 1

    /// The registry the checkpoint speaks for: its name in `config.json`.
    public let origin: String
    /// The log's size and head hash.
    public let checkpoint: LogCheckpoint
    /// The checkpoint key's signature of `statement`.
    public let signature: Minisig

    /// Signs `checkpoint` of the registry named `origin` with the registry's checkpoint key.
    public static func sign(_ checkpoint: LogCheckpoint, origin: String, with key: SecretKey) throws -> SignedCheckpoint {
        let statement = try statement(checkpoint, origin: origin)
        let signature = try StatementSignature.sign(statement, with: key)
        return SignedCheckpoint(origin: origin, checkpoint: checkpoint, signature: signature)
    }

    /// The statement a checkpoint's signature covers.
    public static func statement(_ checkpoint: LogCheckpoint, origin: String) throws -> SignedStatement {
        try SignedStatement(kind: statementKind, fields: [
            ("origin", origin), ("size", String(checkpoint.size)), ("head", checkpoint.head),
        ])
    }

    /// Checks that `key` signed exactly this origin, size and head, and that the origin is
    /// `origin`. `source` names the file in errors.
    public func verify(with key: PublicKey, origin expected: String, source: String) throws {
        guard origin == expected else {
            throw RegistryError.badCheckpoint(source, "it speaks for registry '\(origin)', not '\(expected)'")
        }
        do {
            try StatementSignature.verify(signature, states: Self.statement(checkpoint, origin: origin), with: key,
                                          subject: "the checkpoint")
        } catch {
            throw RegistryError.badCheckpoint(source, "it is not signed by the registry's checkpoint key \(key.keyID): \(error)")
        }
    }

    init(origin: String, checkpoint: LogCheckpoint, signature: Minisig) {
        self.origin = origin
        self.checkpoint = checkpoint
        self.signature = signature
    }
}

extension SignedCheckpoint: Codable {
    enum CodingKeys: String, CodingKey {
        case schema, origin, size, head, signature
    }

    /// Decodes the file's object; shape only (`verify` checks the signature).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.checkSchema(Self.schema, forKey: .schema)
        origin = try container.decode(String.self, forKey: .origin)
        let size = try container.decode(Int.self, forKey: .size)
        let head = try container.decode(String.self, forKey: .head)
        guard size >= 0, head.count == 64, head.allSatisfy({ "0123456789abcdef".contains($0) }) else {
            throw DecodingError.dataCorruptedError(forKey: .head, in: container,
                                                   debugDescription: "size must be 0 or more and head 64 lowercase hex digits")
        }
        checkpoint = LogCheckpoint(size: size, head: head)
        let text = try container.decode(String.self, forKey: .signature)
        do {
            signature = try Minisig(text: text, source: "the checkpoint's signature")
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .signature, in: container, debugDescription: "\(error)")
        }
    }

    /// Encodes the file's object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schema, forKey: .schema)
        try container.encode(origin, forKey: .origin)
        try container.encode(checkpoint.size, forKey: .size)
        try container.encode(checkpoint.head, forKey: .head)
        try container.encode(signature.text, forKey: .signature)
    }

    /// Reads the bytes of a `log/checkpoint` file; `source` names it in errors.
    public init(data: Data, source: String) throws {
        do {
            self = try JSONDecoder().decode(SignedCheckpoint.self, from: data)
        } catch {
            throw RegistryError.badCheckpoint(source, "it is not a signed checkpoint (\(error))")
        }
    }

    /// The file's bytes: one JSON line and a newline.
    public func encoded() throws -> Data {
        try RegistryJSON.encode(self) + Data("\n".utf8)
    }
}
