import Foundation

extension FileRegistry {
    /// Rolls forward a write that a killed writer left half done and removes the temporary
    /// files it left; returns whether there was such a write. Every publish, yank and
    /// unyank does the first part by itself; this is for `perf registry` maintenance and tests.
    @discardableResult
    public func recover() throws -> Bool {
        try RegistryLock.withLock(layout.lock) {
            let rolled = try rollForward()
            for folder in try temporaryFolders() {
                for file in DurableFile.leftoverTemporaries(in: folder) { try DurableFile.remove(file) }
            }
            return rolled
        }
    }

    /// Runs `body` holding the writer lock, after rolling forward any interrupted write.
    func withWriteLock<T>(_ body: () throws -> T) throws -> T {
        try RegistryLock.withLock(layout.lock) {
            _ = try rollForward()
            WriteStep.locked.reached()
            return try body()
        }
    }

    /// Writes the intent record and applies it (steps 5–7 of the write path).
    func commit(_ pending: PendingOperation) throws {
        try DurableFile.write(RegistryJSON.encode(pending) + Data("\n".utf8), to: layout.pending)
        WriteStep.pendingWritten.reached()
        try apply(pending)
    }

    /// The interrupted write in `log/pending`, if any.
    func pendingOperation() throws -> PendingOperation? {
        guard let data = try DurableFile.read(layout.pending) else { return nil }
        let pending = try RegistryJSON.decode(PendingOperation.self, from: data, path: layout.pending.path)
        try pending.validate(path: layout.pending.path)
        return pending
    }

    /// Applies `log/pending` if a killed writer left one.
    private func rollForward() throws -> Bool {
        guard let pending = try pendingOperation() else { return false }
        try apply(pending)
        return true
    }

    /// Brings every file to the state `pending` describes; safe to repeat after a crash at any point.
    private func apply(_ pending: PendingOperation) throws {
        for write in pending.writes {
            let url = layout.file(write.path)
            let contents = Data(write.contents.utf8)
            if try DurableFile.read(url) != contents {
                let folder = url.deletingLastPathComponent()
                if !FileManager.default.fileExists(atPath: folder.path) {
                    try DurableFile.makeFolder(folder)
                    try DurableFile.syncFolder(folder.deletingLastPathComponent())
                }
                try DurableFile.write(contents, to: url)
            }
            (write.path.hasPrefix("keys/") ? WriteStep.keysWritten : WriteStep.indexWritten).reached()
        }
        try applyLog(pending)
        WriteStep.logWritten.reached()
        let checkpoint = try pending.checkpoint.encoded()
        if try DurableFile.read(layout.checkpoint) != checkpoint {
            try DurableFile.write(checkpoint, to: layout.checkpoint)
        }
        WriteStep.checkpointWritten.reached()
        try DurableFile.remove(layout.pending)
    }

    /// Makes the log hold `pending.logAppend` right after its first `logOffset` bytes.
    private func applyLog(_ pending: PendingOperation) throws {
        let url = layout.logEntries
        let log = try DurableFile.read(url) ?? Data()
        let append = Data(pending.logAppend.utf8)
        let end = pending.logOffset + append.count
        guard (pending.logOffset...end).contains(log.count) else {
            throw RegistryError.brokenLog(
                url.path, line: 0,
                "it has \(log.count) bytes but the interrupted \(pending.summary) expects \(pending.logOffset) to \(end)")
        }
        if log.count == end, Data(log.suffix(append.count)) == append { return }
        if WriteStep.pauseStep == .logTorn {
            try DurableFile.replaceTail(of: url, from: pending.logOffset, with: append.prefix(append.count / 2))
            WriteStep.logTorn.reached()
        }
        try DurableFile.replaceTail(of: url, from: pending.logOffset, with: append)
    }

    /// The folders a writer creates temporary files in.
    private func temporaryFolders() throws -> [URL] {
        let scopes = try DurableFile.visibleNames(in: layout.index).map { layout.index.appendingPathComponent($0) }
        return [root] + layout.folders + scopes
    }

    /// Writes a blob or signature unless the same bytes are already there.
    func writeContentAddressed(_ data: Data, to relative: String) throws {
        let url = layout.file(relative)
        if try DurableFile.read(url) == data { return }
        try DurableFile.write(data, to: url)
    }

    /// The current time as log entries and index lines record it (ISO 8601, UTC, seconds).
    static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
