import Crypto
import Foundation

/// `log/entries` read and checked: every line decodes, `seq` counts up from 1 and every
/// `prev` is the hash of the line before. A trailing line without its newline (an append
/// cut short by a crash) is kept apart in `tornTail`, never read as an entry.
struct RegistryLog: Sendable {
    /// The entries, in order.
    let entries: [LogEntry]
    /// SHA-256 (hex) of each entry's line.
    let lineHashes: [String]
    /// Bytes after the last newline, if any.
    let tornTail: Data

    /// Reads and checks the log's bytes; `path` names the file in errors.
    init(_ data: Data, path: String) throws {
        var entries: [LogEntry] = []
        var hashes: [String] = []
        var lineStart = data.startIndex
        var lineNumber = 0
        while let newline = data[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            lineNumber += 1
            let line = data[lineStart..<newline]
            let entry: LogEntry
            do {
                entry = try JSONDecoder().decode(LogEntry.self, from: line)
            } catch {
                throw RegistryError.brokenLog(path, line: lineNumber, "it is not a log entry (\(error))")
            }
            let expectedPrev = hashes.last ?? LogEntry.genesis
            guard entry.seq == lineNumber else {
                throw RegistryError.brokenLog(path, line: lineNumber, "its seq is \(entry.seq), expected \(lineNumber)")
            }
            guard entry.prev == expectedPrev else {
                throw RegistryError.brokenLog(
                    path, line: lineNumber,
                    "its prev is \(entry.prev) but the line before hashes to \(expectedPrev): an earlier entry was changed")
            }
            entries.append(entry)
            hashes.append(Self.hash(line))
            lineStart = data.index(after: newline)
        }
        self.entries = entries
        lineHashes = hashes
        tornTail = Data(data[lineStart...])
    }

    /// Reads and checks the first `checkpoint.size` entries of the log's bytes (a writer may
    /// have appended more since the checkpoint was read) and that they end in `checkpoint.head`.
    init(_ data: Data, covering checkpoint: LogCheckpoint, path: String) throws {
        var end = data.startIndex
        for line in 0..<checkpoint.size {
            guard let newline = data[end...].firstIndex(of: UInt8(ascii: "\n")) else {
                throw RegistryError.brokenLog(path, line: line + 1, "the log has \(line) whole entries but its signed "
                                              + "checkpoint covers \(checkpoint.size): the log was cut short")
            }
            end = data.index(after: newline)
        }
        try self.init(Data(data[..<end]), path: path)
        guard self.checkpoint == checkpoint else {
            throw RegistryError.brokenLog(path, line: checkpoint.size,
                                          "its entries hash to \(self.checkpoint.head) but its signed checkpoint says "
                                          + "\(checkpoint.head): the log was rewritten")
        }
    }

    /// The checkpoint describing this log.
    var checkpoint: LogCheckpoint { LogCheckpoint(size: entries.count, head: lineHashes.last ?? LogEntry.genesis) }

    /// SHA-256 (hex) of one line's bytes.
    static func hash(_ line: Data) -> String {
        SHA256.hash(data: line).map { String(format: "%02x", $0) }.joined()
    }
}

/// Where a log ends: how many entries it has, the hash of the last one's line, and its
/// length in bytes. Found without decoding every entry, so writers stay fast on a long log.
struct LogTip: Sendable, Equatable {
    /// How many entries the log holds.
    let size: Int
    /// SHA-256 (hex) of the last entry's line, or 64 zeros.
    let head: String
    /// The log's length in bytes.
    let length: Int

    /// The tip of the log `data` (read from `path`), which must end with a whole line
    /// whose `seq` is the number of lines.
    init(_ data: Data, path: String) throws {
        guard !data.isEmpty else {
            self.init(size: 0, head: LogEntry.genesis, length: 0)
            return
        }
        guard data.last == UInt8(ascii: "\n") else {
            throw RegistryError.brokenLog(path, line: 0, "it ends in a partial line although no write is pending")
        }
        let size = data.withUnsafeBytes { bytes in bytes.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 } }
        let body = data.dropLast()
        let lastStart = body.lastIndex(of: UInt8(ascii: "\n")).map { body.index(after: $0) } ?? body.startIndex
        let last = Data(body[lastStart...])
        guard let entry = try? JSONDecoder().decode(LogEntry.self, from: last), entry.seq == size else {
            throw RegistryError.brokenLog(path, line: size, "the last line is not entry \(size) of the log")
        }
        self.init(size: size, head: RegistryLog.hash(last), length: data.count)
    }

    init(size: Int, head: String, length: Int) {
        self.size = size
        self.head = head
        self.length = length
    }

    /// The checkpoint of a log that ends here.
    var checkpoint: LogCheckpoint { LogCheckpoint(size: size, head: head) }

    /// The bytes of `drafts` appended here, each line chained to the one before, and the
    /// checkpoint of the log that results.
    func appending(_ drafts: [LogEntryDraft], time: String) throws -> (bytes: Data, checkpoint: LogCheckpoint) {
        var bytes = Data()
        var prev = head
        var seq = size
        for draft in drafts {
            seq += 1
            let entry = LogEntry(seq: seq, op: draft.op, name: draft.name, version: draft.version, sha256: draft.sha256,
                                 keyID: draft.keyID, time: time, prev: prev, statement: draft.statement, key: draft.key)
            let line = try entry.encodedLine()
            prev = RegistryLog.hash(line)
            bytes += line + Data([UInt8(ascii: "\n")])
        }
        return (bytes, LogCheckpoint(size: seq, head: prev))
    }
}

/// A log entry before it is chained: everything but `seq`, `time` and `prev`.
struct LogEntryDraft: Codable, Sendable, Equatable {
    /// What happened.
    let op: LogEntry.Operation
    /// The package, or the scope for a key entry.
    let name: String
    /// The version, or nil for a key entry.
    let version: String?
    /// The archive's SHA-256, or nil for a key entry.
    let sha256: String?
    /// The signing key, or the new key for a key entry.
    let keyID: String
    /// The authorising statement (minisign text), if any.
    let statement: String?
    /// The key in minisign base64, for key entries.
    let key: String?
}
