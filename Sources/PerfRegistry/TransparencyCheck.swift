import Foundation
import PerfManifest
import PerfSigning

/// A client's check of a registry's transparency log (DESIGN §3, `log/`), the guarantee of
/// the Go checksum database: the registry's current checkpoint is signed by its checkpoint
/// key, the hash-chained entries lead up to it, and it extends the checkpoint this client
/// saw before (kept in a `CheckpointStore`), so a registry that rolled back or rewrote its
/// history is refused even when the new log is re-chained and re-signed with the real key.
/// The first check pins the key it is given (trust on first use; the caller may instead
/// pass a key pinned elsewhere, e.g. in `perf.lock`). The returned `VerifiedLog` then
/// vouches for index lines.
public struct TransparencyCheck: Sendable {
    /// The registry's name, which its checkpoints state as their origin.
    public let origin: String
    /// The registry's checkpoint key.
    public let key: PublicKey
    /// This client's memory of the registry.
    public let store: CheckpointStore

    /// A check of registry `origin`'s log against `key`, remembering it in `store`.
    public init(origin: String, key: PublicKey, store: CheckpointStore) {
        self.origin = origin
        self.key = key
        self.store = store
    }

    /// A check of the registry `config` describes (its name and first root key);
    /// `location` names it in errors.
    public init(config: RegistryConfig, location: String, store: CheckpointStore) throws {
        self.init(origin: config.name, key: try config.checkpointKey(location: location), store: store)
    }

    /// Reads the signed checkpoint, then the entries, from `source`; checks signature, chain
    /// and that the log extends the remembered one; remembers the new checkpoint; returns
    /// the verified log. Throws `RegistryError` (exit status "verification failed") on any
    /// mismatch, leaving the memory as it was.
    public func verify(_ source: some LogSource) throws -> VerifiedLog {
        let location = source.logLocation
        let checkpointSource = "\(location)/\(RegistryLayout.checkpointPath)"
        let signed = try SignedCheckpoint(data: source.signedCheckpoint(), source: checkpointSource)
        try signed.verify(with: key, origin: origin, source: checkpointSource)
        let log = try RegistryLog(source.logEntries(), covering: signed.checkpoint,
                                  path: "\(location)/\(RegistryLayout.logEntriesPath)")
        let verified = try VerifiedLog(origin: origin, location: location, log: log)
        let registry = "'\(origin)' (\(location))"
        try store.update { remembered in
            guard let remembered else { return RememberedCheckpoint(key: key, signed: signed) }
            try extends(remembered, with: log, registry: registry)
            return remembered.signed.checkpoint == signed.checkpoint ? nil : RememberedCheckpoint(key: key, signed: signed)
        }
        return verified
    }

    /// Checks that `log`, with its signed checkpoint, extends the one remembered.
    private func extends(_ remembered: RememberedCheckpoint, with log: RegistryLog, registry: String) throws {
        let memory = store.file.path
        guard remembered.key == key else {
            throw RegistryError.changedIdentity(
                registry, "its checkpoints are signed by key \(key.keyID), not by the pinned key \(remembered.key.keyID)",
                memory: memory)
        }
        guard remembered.signed.origin == origin else {
            throw RegistryError.changedIdentity(registry, "it is named '\(origin)', not '\(remembered.signed.origin)'",
                                                memory: memory)
        }
        let old = remembered.signed.checkpoint
        guard log.entries.count >= old.size else {
            throw RegistryError.rolledBack(registry, remembered: old.size, size: log.entries.count, memory: memory)
        }
        guard old.size == 0 || log.lineHashes[old.size - 1] == old.head else {
            throw RegistryError.rewrittenHistory(
                registry, "its entry \(old.size) now hashes to \(log.lineHashes[old.size - 1]), but the checkpoint seen "
                    + "before ended there with \(old.head), so an entry up to \(old.size) was changed", memory: memory)
        }
    }
}
