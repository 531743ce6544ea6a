import Foundation

/// `log/pending`: the intent record of one write (publish, yank, unyank), made under the
/// lock once blob and signature are in place and before anything a reader trusts changes.
/// It holds the final contents of every file the write replaces, the exact bytes the log
/// gains at a known offset and the signed checkpoint after them, so applying it twice gives
/// the same registry as once.
struct PendingOperation: Codable, Sendable, Equatable {
    /// A whole-file replacement.
    struct FileWrite: Codable, Sendable, Equatable {
        /// The file, relative to the registry's root: `keys/<scope>.json` or `index/<scope>/<name>`.
        let path: String
        /// Its new contents (UTF-8 text).
        let contents: String
    }

    /// The record's format version (2: the checkpoint is signed).
    static let currentSchema = 2

    /// Format version.
    let schema: Int
    /// What is being done.
    let op: LogEntry.Operation
    /// The package written.
    let package: String
    /// The version written.
    let version: String
    /// The archive's SHA-256.
    let sha256: String
    /// Files to replace, in order (keys before index, so a reader never meets a line signed
    /// by a key it cannot find).
    let writes: [FileWrite]
    /// The log's length before this operation.
    let logOffset: Int
    /// The lines the log gains at `logOffset`.
    let logAppend: String
    /// The signed checkpoint of the log once they are in, written as is.
    let checkpoint: SignedCheckpoint

    enum CodingKeys: String, CodingKey {
        case schema, op, package, version, sha256, writes, logOffset = "log_offset", logAppend = "log_append", checkpoint
    }

    /// A short description for messages: `publish alice/teddy@1.0.0`.
    var summary: String { "\(op.rawValue) \(package)@\(version)" }

    /// Checks that the record only names files a write may replace.
    func validate(path: String) throws {
        guard schema == Self.currentSchema else {
            throw RegistryError.malformedFile(path, "its schema is \(schema); this perf reads schema \(Self.currentSchema)")
        }
        for write in writes {
            let parts = write.path.split(separator: "/", omittingEmptySubsequences: false)
            let safe = parts.allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") }
            let allowed = (parts.count == 3 && parts[0] == "index") || (parts.count == 2 && parts[0] == "keys")
            guard safe, allowed else {
                throw RegistryError.malformedFile(path, "it names '\(write.path)', which no registry write replaces")
            }
        }
        guard logOffset >= 0 else { throw RegistryError.malformedFile(path, "its log offset is negative") }
    }
}
