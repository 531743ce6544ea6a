import Foundation

/// One line of `log/entries`: a publish, yank, unyank or key pin/rotation, hash-chained to
/// the line before it (`prev` is the SHA-256 of that line's bytes, without its newline).
public struct LogEntry: Codable, Sendable, Equatable {
    /// What an entry records.
    public enum Operation: String, Codable, Sendable {
        /// A version was published.
        case publish
        /// A version was yanked.
        case yank
        /// A yanked version was restored.
        case unyank
        /// A scope's key was pinned (first key) or rotated.
        case key
    }

    /// The entry's position, from 1.
    public let seq: Int
    /// What happened.
    public let op: Operation
    /// The package (`scope/name`), or the scope alone for a key entry.
    public let name: String
    /// The version published, yanked or unyanked; nil for a key entry.
    public let version: String?
    /// The archive's SHA-256 (hex); nil for a key entry.
    public let sha256: String?
    /// The key that signed the archive or statement; for a key entry, the new key.
    public let keyID: String
    /// When the entry was written (ISO 8601, UTC).
    public let time: String
    /// SHA-256 (hex) of the previous line's bytes, or 64 zeros for the first entry.
    public let prev: String
    /// The signed statement (minisign text) that authorised a yank, unyank or rotation.
    public let statement: String?
    /// The pinned or rotated key in minisign base64 (key entries only).
    public let key: String?

    enum CodingKeys: String, CodingKey {
        case seq, op, name, version, sha256, keyID = "key_id", time, prev, statement, key
    }

    /// The `prev` of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// Assembles an entry.
    public init(seq: Int, op: Operation, name: String, version: String?, sha256: String?, keyID: String,
                time: String, prev: String, statement: String? = nil, key: String? = nil) {
        self.seq = seq
        self.op = op
        self.name = name
        self.version = version
        self.sha256 = sha256
        self.keyID = keyID
        self.time = time
        self.prev = prev
        self.statement = statement
        self.key = key
    }

    /// The entry as one JSON line, without the newline.
    func encodedLine() throws -> Data {
        try RegistryJSON.encode(self)
    }
}

/// The log's size and head hash, so a reader can tell whether the log it fetched later
/// extends the one it saw; `log/checkpoint` holds it signed (`SignedCheckpoint`).
public struct LogCheckpoint: Codable, Sendable, Equatable {
    /// How many entries the log holds.
    public let size: Int
    /// SHA-256 (hex) of the last entry's line, or 64 zeros for an empty log.
    public let head: String

    /// Assembles a checkpoint.
    public init(size: Int, head: String) {
        self.size = size
        self.head = head
    }
}
