import Foundation

/// Where each file of a registry lives, relative to its root (DESIGN §3, "Registry layout").
struct RegistryLayout: Sendable {
    /// The registry's folder.
    let root: URL

    /// `config.json`.
    var config: URL { file("config.json") }
    /// `.registry-key`, the secret key that signs checkpoints (mode 0600; hidden, so never served).
    var checkpointKey: URL { file(".registry-key") }
    /// `.lock`, the writers' `flock` target.
    var lock: URL { file(".lock") }
    /// `index/`.
    var index: URL { file("index") }
    /// `blobs/sha256/`.
    var blobs: URL { file("blobs/sha256") }
    /// `sigs/sha256/`.
    var signatures: URL { file("sigs/sha256") }
    /// `keys/`.
    var keys: URL { file("keys") }
    /// `log/`.
    var log: URL { file("log") }
    /// `log/entries`, the hash-chained log.
    var logEntries: URL { file(Self.logEntriesPath) }
    /// `log/checkpoint`.
    var checkpoint: URL { file(Self.checkpointPath) }
    /// `log/pending`, the intent record of a write in progress.
    var pending: URL { file("log/pending") }

    /// The folders a registry holds.
    var folders: [URL] { [index, blobs, signatures, keys, log] }

    static let logEntriesPath = "log/entries"
    static let checkpointPath = "log/checkpoint"

    /// `index/<scope>/<name>` relative to the root.
    static func indexPath(scope: String, name: String) -> String { "index/\(scope)/\(name)" }
    /// `keys/<scope>.json` relative to the root.
    static func keysPath(scope: String) -> String { "keys/\(scope).json" }
    /// `blobs/sha256/<hex>` relative to the root.
    static func blobPath(_ sha256: String) -> String { "blobs/sha256/\(sha256)" }
    /// `sigs/sha256/<hex>.minisig` relative to the root.
    static func signaturePath(_ sha256: String) -> String { "sigs/sha256/\(sha256).minisig" }

    /// The file at `relative` below the root.
    func file(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}
