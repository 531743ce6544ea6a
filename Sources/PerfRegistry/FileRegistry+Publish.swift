import Foundation
import PerfBundle
import PerfManifest
import PerfSigning

extension FileRegistry {
    /// Publishes `archive` (`perf publish FILE`): checks that its `perf.json` is a concept or
    /// base, that `signature` is `publicKey`'s signature of exactly this archive, name,
    /// version and base, that `publicKey` is the scope's key (pinning it if the scope is new,
    /// or moving to it when `rotation` is signed by the current key), and that the version
    /// is new; then writes blob, signature, keys, index line and log entries as one
    /// crash-safe operation. Any refusal writes nothing. Returns the new index line.
    @discardableResult
    public func publish(archive: Data, signature: Minisig, publicKey: PublicKey,
                        rotation: KeyRotation? = nil) throws -> IndexLine {
        let sha256 = ContentDigest.sha256Hex(archive)
        let manifest = try ArchiveManifest(archive: archive, source: "archive sha256:\(sha256)")
        let package = manifest.package
        do {
            try PackageSignature.verify(signature, archive: archive, name: "\(manifest.name)",
                                        version: "\(manifest.version)", base: manifest.signedBase, with: publicKey)
        } catch {
            throw RegistryError.badSignature(package, "\(error)")
        }
        if let rotation, rotation.newKey != publicKey {
            throw RegistryError.badRotation(
                manifest.name.scope, "it introduces key \(rotation.newKey.keyID) but \(package) is signed by key \(publicKey.keyID)")
        }
        let line = try manifest.indexLine(sha256: sha256, size: archive.count, keyID: "\(publicKey.keyID)",
                                           published: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
        do {
            try line.validate()
        } catch {
            throw RegistryError.invalidArchive(package, "its index line would be refused: \(error)")
        }
        return try withWriteLock {
            let indexPath = RegistryLayout.indexPath(scope: manifest.name.scope, name: manifest.name.name)
            let index = try IndexFile.load(manifest.name, in: layout)
            if index?.position(of: manifest.version) != nil {
                throw RegistryError.versionExists(package, indexFile: layout.file(indexPath).path)
            }
            let keyChange = try self.keyChange(scope: manifest.name.scope, package: package, publicKey: publicKey,
                                               rotation: rotation)
            let log = try logForAppending()
            try writeContentAddressed(archive, to: RegistryLayout.blobPath(sha256))
            WriteStep.blobWritten.reached()
            try writeContentAddressed(Data(signature.text.utf8), to: RegistryLayout.signaturePath(sha256))
            WriteStep.signatureWritten.reached()

            var writes: [PendingOperation.FileWrite] = []
            var drafts: [LogEntryDraft] = []
            if let keyChange {
                writes.append(.init(path: RegistryLayout.keysPath(scope: manifest.name.scope),
                                    contents: String(decoding: try keyChange.keys.encoded(), as: UTF8.self)))
                drafts.append(keyChange.entry)
            }
            writes.append(.init(path: indexPath, contents: index?.appending(line) ?? IndexFile.first(line)))
            drafts.append(LogEntryDraft(op: .publish, name: "\(manifest.name)", version: "\(manifest.version)",
                                        sha256: sha256, keyID: "\(publicKey.keyID)", statement: nil, key: nil))
            try commit(operation(.publish, package: "\(manifest.name)", version: "\(manifest.version)", sha256: sha256,
                                 writes: writes, drafts: drafts, after: log))
            return line
        }
    }

    /// A new key history and its log entry, when this publish pins or rotates the scope's key; nil when `publicKey` is current.
    private func keyChange(scope: String, package: String, publicKey: PublicKey,
                           rotation: KeyRotation?) throws -> (keys: ScopeKeys, entry: LogEntryDraft)? {
        let keysPath = layout.file(RegistryLayout.keysPath(scope: scope))
        let added = Self.timestamp()
        guard let keys = try ScopeKeys.load(scope: scope, from: keysPath) else {
            if rotation != nil {
                throw RegistryError.badRotation(
                    scope, "the scope has no key in this registry yet; its first publish pins the signing key, so publish without a rotation")
            }
            let pinned = ScopeKeys.pinned(scope: scope, key: ScopeKey(publicKey: publicKey, added: added, rotation: nil))
            return (pinned, LogEntryDraft(op: .key, name: scope, version: nil, sha256: nil, keyID: "\(publicKey.keyID)",
                                          statement: nil, key: publicKey.base64))
        }
        if publicKey == keys.current {
            if rotation != nil {
                throw RegistryError.badRotation(scope, "key \(publicKey.keyID) is already the scope's current key; publish without a rotation")
            }
            return nil
        }
        guard let rotation else {
            throw RegistryError.untrustedKey(package, scope: scope, signedBy: "\(publicKey.keyID)",
                                             pinned: "\(keys.current.keyID)", keysFile: keysPath.path)
        }
        guard keys.key(publicKey.keyID) == nil, !keys.keys.contains(where: { $0.publicKey == publicKey }) else {
            throw RegistryError.badRotation(scope, "key \(publicKey.keyID) was the scope's key before; a rotation must introduce a new key")
        }
        do {
            try rotation.verify(scope: scope, signedBy: keys.current)
        } catch {
            throw RegistryError.badRotation(scope, "it is not signed by the current key \(keys.current.keyID): \(error)")
        }
        let rotated = keys.appending(ScopeKey(publicKey: publicKey, added: added, rotation: rotation.statement))
        return (rotated, LogEntryDraft(op: .key, name: scope, version: nil, sha256: nil, keyID: "\(publicKey.keyID)",
                                       statement: rotation.statement.text, key: publicKey.base64))
    }

    /// Where a write's log entries go: the end of the log as it stands under the lock, and
    /// the key that signs the checkpoint after them.
    struct LogAppend {
        /// The log's end, matching its signed checkpoint.
        let tip: LogTip
        /// The registry's checkpoint key.
        let signer: SecretKey
    }

    /// The end of the log as it stands under the lock, checked against `log/checkpoint`
    /// (which the last write left matching it, signed by the registry's checkpoint key), so a
    /// log cut short or with its last entry rewritten is never extended. `verifyConsistency()`
    /// checks the whole chain.
    func logForAppending() throws -> LogAppend {
        let signer = try checkpointSigner()
        let url = layout.logEntries
        guard let data = try DurableFile.read(url) else {
            throw RegistryError.notARegistry(root.path, "its \(RegistryLayout.logEntriesPath) is missing")
        }
        let tip = try LogTip(data, path: url.path)
        guard let checkpointData = try DurableFile.read(layout.checkpoint) else {
            throw RegistryError.notARegistry(root.path, "its \(RegistryLayout.checkpointPath) is missing")
        }
        let signed = try SignedCheckpoint(data: checkpointData, source: layout.checkpoint.path)
        try signed.verify(with: signer.publicKey, origin: config.name, source: layout.checkpoint.path)
        let checkpoint = signed.checkpoint
        guard checkpoint == tip.checkpoint else {
            throw RegistryError.brokenLog(url.path, line: tip.size,
                                          "it ends with entry \(tip.size) hashing to \(tip.head), but \(layout.checkpoint.path) "
                                          + "records \(checkpoint.size) entries ending in \(checkpoint.head): the log was cut short or rewritten")
        }
        return LogAppend(tip: tip, signer: signer)
    }

    /// The intent record for an operation whose log entries follow `log`, with the checkpoint
    /// after them signed.
    func operation(_ op: LogEntry.Operation, package: String, version: String, sha256: String,
                   writes: [PendingOperation.FileWrite], drafts: [LogEntryDraft], after log: LogAppend) throws -> PendingOperation {
        let (bytes, checkpoint) = try log.tip.appending(drafts, time: Self.timestamp())
        let signed = try SignedCheckpoint.sign(checkpoint, origin: config.name, with: log.signer)
        WriteStep.checkpointSigned.reached()
        return PendingOperation(schema: PendingOperation.currentSchema, op: op, package: package, version: version,
                                sha256: sha256, writes: writes, logOffset: log.tip.length,
                                logAppend: String(decoding: bytes, as: UTF8.self), checkpoint: signed)
    }
}
