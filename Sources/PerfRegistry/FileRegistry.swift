import Foundation
import PerfManifest
import PerfSigning

/// A package registry in a folder (DESIGN §3, "Registry layout"):
///
///     config.json                  RegistryConfig
///     index/<scope>/<name>         one IndexLine per version, in publish order
///     blobs/sha256/<hex>           archives, content-addressed, immutable
///     sigs/sha256/<hex>.minisig    detached package signatures
///     keys/<scope>.json            the scope's keys: the first pinned, each later one vouched for by the last
///     log/entries                  append-only hash-chained JSON lines (LogEntry)
///     log/checkpoint               the log's size and head hash, signed (SignedCheckpoint)
///     .registry-key                the secret key that signs checkpoints (0600, never served);
///                                  its public half is config.json's first root key
///
/// **Reads** take no lock. Every file a reader trusts is replaced by rename, so it sees a
/// whole old or whole new file, and what it returns is verified on the way out.
///
/// **Writes** (publish, yank, unyank) survive SIGKILL or power loss at any instant:
/// 1. Take an exclusive `flock` on `<root>/.lock` (the kernel drops it when the holder dies).
/// 2. Roll forward any `log/pending` a killed writer left (steps 6–7), before anything else.
/// 3. Check the request against the index, keys and log as they are now (the log's last
///    line must match `log/checkpoint`).
/// 4. Write blob and signature (temporary file, fsync, rename, fsync folder). They are
///    content-addressed and referenced by nothing yet, so a crash here leaves only an
///    unreferenced blob, which a retry rewrites.
/// 5. Sign the new checkpoint with `.registry-key` and write `log/pending` (same way): the
///    final contents of every file to replace, the exact bytes the log gains at its current
///    length and the signed checkpoint. From here the write has happened.
/// 6. Apply it, each step idempotent: keys file, then index file (replaced by rename, unless
///    already equal); the log's bytes from the recorded offset (a torn earlier attempt is
///    cut off first) in one write and fsync; the signed checkpoint, as recorded (never
///    re-signed, so rolling forward twice writes the same bytes).
/// 7. Remove `log/pending` (not fsynced: if the removal is lost, the record is applied
///    again, which changes nothing).
/// Each file is fsynced before the next step starts, so after power loss too the registry
/// is the old one, or the old one with blob and signature, or the new one once rolled forward.
/// Temporary files a killed writer leaves start with a dot; readers never see them and
/// `recover()` removes them. A test can stop a writer at each step (see `WriteStep`).
public struct FileRegistry: Sendable {
    /// The registry's folder.
    public let root: URL
    /// The registry's `config.json`.
    public let config: RegistryConfig
    /// Where each file lives.
    let layout: RegistryLayout

    /// Creates an empty registry named `name` in `root`, which must be missing or empty
    /// (`perf registry init DIR`). Its log checkpoints are signed with `checkpointKey`
    /// (a fresh key unless given), kept in `.registry-key` (mode 0600); the public half
    /// becomes `config.json`'s only root key.
    public static func create(at root: URL, name: String, checkpointKey: SecretKey = .generate()) throws -> FileRegistry {
        let layout = RegistryLayout(root: root)
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: root.path), !existing.isEmpty {
            throw RegistryError.folderNotEmpty(root.path)
        }
        let config = RegistryConfig(name: name, rootKeys: [checkpointKey.publicKey.base64])
        let configData = try config.encoded()  // checks the name before anything is written
        let genesis = try SignedCheckpoint.sign(LogCheckpoint(size: 0, head: LogEntry.genesis), origin: name,
                                                with: checkpointKey)
        for folder in [root] + layout.folders { try DurableFile.makeFolder(folder) }
        try DurableFile.write(Data(), to: layout.lock)
        try DurableFile.write(Data(checkpointKey.minisignFile.utf8), to: layout.checkpointKey, mode: 0o600)
        try DurableFile.write(Data(), to: layout.logEntries)
        try DurableFile.write(genesis.encoded(), to: layout.checkpoint)
        // config.json last: a folder without it is not a registry yet.
        try DurableFile.write(configData, to: layout.config)
        try DurableFile.syncFolder(root.deletingLastPathComponent())
        return FileRegistry(root: root, config: config)
    }

    /// Opens the registry in `root`, reading its `config.json`.
    public init(root: URL) throws {
        let layout = RegistryLayout(root: root)
        guard let data = try DurableFile.read(layout.config) else {
            throw RegistryError.notARegistry(root.path, "it has no config.json")
        }
        let config: RegistryConfig
        do {
            config = try RegistryConfig.decode(data, source: layout.config.path)
        } catch {
            throw RegistryError.notARegistry(root.path, "its config.json is refused (\(error))")
        }
        self.init(root: root, config: config)
    }

    private init(root: URL, config: RegistryConfig) {
        self.root = root
        self.config = config
        layout = RegistryLayout(root: root)
    }
}
