import Foundation
import PerfManifest
import PerfSigning

/// One walk over a whole registry for `verifyConsistency()`: the files as they are on disk,
/// with an interrupted write's intent record laid over them (as the next writer will apply
/// it), every problem collected rather than the first thrown.
struct RegistryAudit {
    let registry: FileRegistry
    /// What was found wrong, in words.
    private(set) var problems: [String] = []
    /// The intent record of an interrupted write, if any.
    private var pending: PendingOperation?
    /// Files the intent record replaces, by relative path.
    private var overlay: [String: Data] = [:]

    init(_ registry: FileRegistry) {
        self.registry = registry
    }

    private var layout: RegistryLayout { registry.layout }

    /// Walks the registry and returns its report, or throws every problem found.
    mutating func run() throws -> ConsistencyReport {
        pending = try registry.pendingOperation()
        for write in pending?.writes ?? [] { overlay[write.path] = Data(write.contents.utf8) }

        let log = readLog()
        let keys = readKeys()
        var lines: [IndexLine] = []
        var referenced = Set<String>()
        let names = packageNames()
        for name in names {
            for line in readIndex(name) {
                lines.append(line)
                referenced.insert(line.sha256.hex)
                guard let scopeKeys = keys[name.scope] else {
                    problems.append("\(name)@\(line.version) is published but scope '\(name.scope)' has no keys file")
                    continue
                }
                do { _ = try registry.verifiedPackage(line, keys: scopeKeys) } catch { problems.append("\(error)") }
            }
        }
        if let log { crossCheck(log: log, lines: lines, keys: keys) }
        guard problems.isEmpty else { throw RegistryError.inconsistent(registry.root.path, problems) }
        let blobs = (try? DurableFile.visibleNames(in: layout.blobs)) ?? []
        return ConsistencyReport(packages: names.count, versions: lines.count, scopes: keys.count,
                                 logEntries: log?.entries.count ?? 0, interruptedOperation: pending?.summary,
                                 unreferencedBlobs: blobs.filter { !referenced.contains($0) },
                                 temporaryFiles: temporaryFiles())
    }

    /// A file's bytes as they will be once the interrupted write (if any) is rolled forward.
    private func read(_ relative: String) -> Data? {
        if let data = overlay[relative] { return data }
        return try? DurableFile.read(layout.file(relative))
    }

    /// The log, with the interrupted write's lines in place of whatever part of them is on disk.
    private mutating func readLog() -> RegistryLog? {
        let path = layout.logEntries.path
        guard var data = try? DurableFile.read(layout.logEntries) else {
            problems.append("\(path) is missing")
            return nil
        }
        if let pending {
            let append = Data(pending.logAppend.utf8)
            let end = pending.logOffset + append.count
            guard (pending.logOffset...end).contains(data.count) else {
                problems.append("\(path) has \(data.count) bytes but the interrupted \(pending.summary) expects "
                                + "\(pending.logOffset) to \(end)")
                return nil
            }
            data = data.prefix(pending.logOffset) + append
        }
        let log: RegistryLog
        do { log = try RegistryLog(data, path: path) } catch {
            problems.append("\(error)")
            return nil
        }
        if !log.tornTail.isEmpty {
            problems.append("\(path) ends in a partial line although no write is pending")
        }
        checkCheckpoint(against: log)
        return log
    }

    /// Checks that `log/checkpoint` (or the interrupted write's) is signed by the registry's
    /// checkpoint key and describes `log`.
    private mutating func checkCheckpoint(against log: RegistryLog) {
        let path = layout.checkpoint.path
        do {
            let key = try registry.checkpointKey
            let signed: SignedCheckpoint
            if let pending {
                signed = pending.checkpoint
            } else if let data = read(RegistryLayout.checkpointPath) {
                signed = try SignedCheckpoint(data: data, source: path)
            } else {
                problems.append("\(path) is missing")
                return
            }
            try signed.verify(with: key, origin: registry.config.name, source: path)
            if signed.checkpoint != log.checkpoint {
                problems.append("\(path) does not match the log (it should say size \(log.checkpoint.size), "
                                + "head \(log.checkpoint.head)): the log was rewritten or cut short")
            }
        } catch {
            problems.append("\(error)")
        }
    }

    /// Every scope's key history, checked.
    private mutating func readKeys() -> [String: ScopeKeys] {
        var paths = Set(((try? DurableFile.visibleNames(in: layout.keys)) ?? []).map { "keys/\($0)" })
        paths.formUnion(overlay.keys.filter { $0.hasPrefix("keys/") })
        var keys: [String: ScopeKeys] = [:]
        for path in paths.sorted() {
            guard path.hasSuffix(".json"), let data = read(path) else {
                problems.append("\(layout.file(path).path) is not a scope's keys file")
                continue
            }
            let scope = String(path.dropFirst("keys/".count).dropLast(".json".count))
            do { keys[scope] = try ScopeKeys(scope: scope, data: data, url: layout.file(path)) } catch {
                problems.append("\(error)")
            }
        }
        return keys
    }

    /// Every package with an index file, on disk or in the interrupted write.
    private mutating func packageNames() -> [PackageName] {
        var names = Set<PackageName>()
        do { names.formUnion(try registry.packageNames()) } catch { problems.append("\(error)") }
        for path in overlay.keys where path.hasPrefix("index/") {
            let parts = path.split(separator: "/")
            if parts.count == 3, let name = try? PackageName(scope: String(parts[1]), name: String(parts[2])) {
                names.insert(name)
            }
        }
        return names.sorted()
    }

    /// One package's index lines, checked as a file.
    private mutating func readIndex(_ name: PackageName) -> [IndexLine] {
        let path = RegistryLayout.indexPath(scope: name.scope, name: name.name)
        guard let data = read(path) else {
            problems.append("\(layout.file(path).path) is missing")
            return []
        }
        do { return try IndexFile(package: name, data: data, path: layout.file(path).path).lines() } catch {
            problems.append("\(error)")
            return []
        }
    }

    /// The index and keys against the log: one publish entry per index line with its digest
    /// and key, yank flags as the log's yanks and unyanks leave them, key histories as the
    /// log's key entries built them, and every yank statement signed by its scope's key.
    private mutating func crossCheck(log: RegistryLog, lines: [IndexLine], keys: [String: ScopeKeys]) {
        var published: [String: LogEntry] = [:]
        var yanked: [String: Bool] = [:]
        var keyEntries: [String: [String]] = [:]
        for entry in log.entries {
            let id = "\(entry.name)@\(entry.version ?? "")"
            switch entry.op {
            case .publish:
                if published[id] != nil { problems.append("log entry \(entry.seq) publishes \(id) a second time") }
                published[id] = entry
                yanked[id] = false
            case .yank, .unyank:
                guard published[id] != nil else {
                    problems.append("log entry \(entry.seq) \(entry.op.rawValue)s \(id), which the log never published")
                    continue
                }
                yanked[id] = entry.op == .yank
                checkStatement(of: entry, keys: keys)
            case .key:
                keyEntries[entry.name, default: []].append(entry.key ?? "")
            }
        }
        for line in lines {
            let id = "\(line.name)@\(line.version)"
            guard let entry = published.removeValue(forKey: id) else {
                problems.append("\(id) is in the index but the log never published it")
                continue
            }
            if entry.sha256 != line.sha256.hex || entry.keyID != line.keyID {
                problems.append("\(id): the index says sha256 \(line.sha256.hex) and key \(line.keyID), the log's entry "
                                + "\(entry.seq) says \(entry.sha256 ?? "none") and \(entry.keyID)")
            }
            if yanked[id] != line.yanked {
                problems.append("\(id): the index says yanked=\(line.yanked) but the log's last word is \(yanked[id] ?? false)")
            }
        }
        for (id, entry) in published.sorted(by: { $0.value.seq < $1.value.seq }) {
            problems.append("log entry \(entry.seq) publishes \(id) but the index has no such line")
        }
        for scope in Set(keys.keys).union(keyEntries.keys).sorted() {
            let history = keys[scope]?.keys.map(\.publicKey.base64) ?? []
            if history != keyEntries[scope] ?? [] {
                problems.append("scope '\(scope)': keys/\(scope).json lists \(history.count) key(s) but the log pinned or "
                                + "rotated \(keyEntries[scope]?.count ?? 0), or in another order")
            }
        }
    }

    /// Checks that a yank or unyank entry carries a statement signed by one of its scope's keys.
    private mutating func checkStatement(of entry: LogEntry, keys: [String: ScopeKeys]) {
        let id = "\(entry.name)@\(entry.version ?? "")"
        do {
            guard let text = entry.statement, let version = entry.version,
                  let scope = entry.name.split(separator: "/").first.map(String.init),
                  let keyID = KeyID(hex: entry.keyID), let key = keys[scope]?.key(keyID) else {
                problems.append("log entry \(entry.seq) (\(entry.op.rawValue) \(id)) has no statement by a key of its scope")
                return
            }
            let statement = try Minisig(text: text, source: "log entry \(entry.seq)")
            try StatementSignature.verify(statement, states: SignedStatement.yank(name: entry.name, version: version,
                                                                                    yanked: entry.op == .yank),
                                          with: key, subject: "log entry \(entry.seq)")
        } catch {
            problems.append("log entry \(entry.seq) (\(entry.op.rawValue) \(id)): \(error)")
        }
    }

    /// Temporary files left in the registry's folders, relative to the root.
    private func temporaryFiles() -> [String] {
        let scopes = ((try? DurableFile.visibleNames(in: layout.index)) ?? []).map { layout.index.appendingPathComponent($0) }
        let prefix = registry.root.standardizedFileURL.path + "/"
        return ([registry.root] + layout.folders + scopes).flatMap(DurableFile.leftoverTemporaries(in:))
            .map { String($0.standardizedFileURL.path.dropFirst(prefix.count)) }.sorted()
    }
}
