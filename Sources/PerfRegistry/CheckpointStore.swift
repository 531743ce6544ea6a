import Foundation
import PerfSigning

/// A client's memory of one registry's log (`PERF_HOME/registries/<id>/` for the CLI): the
/// checkpoint key it pinned on first use and the last signed checkpoint it verified, kept in
/// `<directory>/checkpoint` (`RememberedCheckpoint`, replaced atomically under a lock on
/// `<directory>/.checkpoint.lock`, so concurrent checks never move it backwards).
/// `TransparencyCheck` reads and advances it.
public struct CheckpointStore: Sendable {
    /// The folder of this one registry's memory.
    public let directory: URL

    /// A memory kept in `directory` (created on first use).
    public init(directory: URL) {
        self.directory = directory
    }

    /// The file holding the remembered checkpoint.
    public var file: URL { directory.appendingPathComponent("checkpoint") }

    /// The remembered checkpoint, re-verified with the remembered key; nil before the first check.
    public func remembered() throws -> RememberedCheckpoint? {
        guard let data = try DurableFile.read(file) else { return nil }
        let remembered: RememberedCheckpoint
        do {
            remembered = try JSONDecoder().decode(RememberedCheckpoint.self, from: data)
        } catch {
            throw RegistryError.damagedMemory(file.path, "it is not a remembered checkpoint (\(error))")
        }
        do {
            try remembered.signed.verify(with: remembered.key, origin: remembered.signed.origin, source: file.path)
        } catch {
            throw RegistryError.damagedMemory(file.path, "its checkpoint does not verify with its key \(remembered.key.keyID)")
        }
        return remembered
    }

    /// Forgets the registry: the next check pins its key again (after its maintainer confirms a
    /// deliberate key change or restore).
    public func forget() throws {
        try DurableFile.remove(file)
    }

    /// Holding the store's lock, passes the remembered checkpoint to `advance` and stores what
    /// it returns (nothing when it returns nil).
    func update(_ advance: (RememberedCheckpoint?) throws -> RememberedCheckpoint?) throws {
        try DurableFile.makeFolder(directory)
        try RegistryLock.withLock(directory.appendingPathComponent(".checkpoint.lock")) {
            if let next = try advance(remembered()) {
                try DurableFile.write(RegistryJSON.encode(next) + Data("\n".utf8), to: file)
            }
        }
    }
}

/// A registry's checkpoint as a client last verified it, with the key it pinned.
public struct RememberedCheckpoint: Sendable, Equatable, Codable {
    /// The file format version.
    static let schema = 1

    /// The registry's checkpoint key, pinned on first use.
    public let key: PublicKey
    /// The last signed checkpoint verified (kept whole: two conflicting signed checkpoints
    /// prove a registry forked its log).
    public let signed: SignedCheckpoint

    /// Pairs a checkpoint with the key that signed it.
    public init(key: PublicKey, signed: SignedCheckpoint) {
        self.key = key
        self.signed = signed
    }

    enum CodingKeys: String, CodingKey {
        case schema, key, signed = "checkpoint"
    }

    /// Decodes the file's object.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.checkSchema(Self.schema, forKey: .schema)
        let text = try container.decode(String.self, forKey: .key)
        do {
            key = try PublicKey(minisign: text, source: "the remembered key")
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .key, in: container, debugDescription: "\(error)")
        }
        signed = try container.decode(SignedCheckpoint.self, forKey: .signed)
    }

    /// Encodes the file's object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schema, forKey: .schema)
        try container.encode(key.base64, forKey: .key)
        try container.encode(signed, forKey: .signed)
    }
}
