import Foundation
import PerfBundle
import PerfRegistry
import PerfSigning

/// What an attacker who holds a registry's folder and its checkpoint key can do: rewrite
/// `log/entries`, chain every line again and sign a fresh checkpoint with the real key.
/// The result passes every check a client can make without remembering the log.
struct LogRewriter {
    /// The registry rewritten.
    let registry: FileRegistry

    /// The registry's secret checkpoint key, read from `.registry-key`.
    var checkpointKey: SecretKey {
        get throws {
            let url = registry.root.appendingPathComponent(".registry-key")
            return try SecretKey(minisignFile: String(contentsOf: url, encoding: .utf8), source: url.path)
        }
    }

    /// The log's entries as they are now.
    func entries() throws -> [LogEntry] {
        try String(contentsOf: registry.root.appendingPathComponent("log/entries"), encoding: .utf8)
            .split(separator: "\n").map { try JSONDecoder().decode(LogEntry.self, from: Data($0.utf8)) }
    }

    /// Replaces the log with `entries` (their `seq` and `prev` recomputed), and its checkpoint
    /// with one signed by `key` (the registry's own unless given).
    func replace(with entries: [LogEntry], signedWith key: SecretKey? = nil) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = Data()
        var prev = LogEntry.genesis
        for (index, entry) in entries.enumerated() {
            let chained = LogEntry(seq: index + 1, op: entry.op, name: entry.name, version: entry.version,
                                   sha256: entry.sha256, keyID: entry.keyID, time: entry.time, prev: prev,
                                   statement: entry.statement, key: entry.key)
            let line = try encoder.encode(chained)
            prev = ContentDigest.sha256Hex(line)
            text += line + Data("\n".utf8)
        }
        try text.write(to: registry.root.appendingPathComponent("log/entries"))
        let signed = try SignedCheckpoint.sign(LogCheckpoint(size: entries.count, head: prev), origin: registry.config.name,
                                               with: key ?? checkpointKey)
        try signed.encoded().write(to: registry.root.appendingPathComponent("log/checkpoint"))
    }

    /// `entry` with another archive digest.
    static func withDigest(_ entry: LogEntry, _ sha256: String) -> LogEntry {
        LogEntry(seq: entry.seq, op: entry.op, name: entry.name, version: entry.version, sha256: sha256, keyID: entry.keyID,
                 time: entry.time, prev: entry.prev, statement: entry.statement, key: entry.key)
    }
}
