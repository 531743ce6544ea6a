import PerfManifest

/// A registry's log as `TransparencyCheck` verified it, up to its signed checkpoint. It
/// vouches for index lines: each must be a version the log published, with the same
/// archive digest and key, and yanked exactly when the log's last yank or unyank says so.
public struct VerifiedLog: Sendable {
    /// The registry's name.
    public let origin: String
    /// The registry's location, for messages.
    public let location: String
    /// The signed checkpoint's size and head.
    public let checkpoint: LogCheckpoint
    /// The entries the checkpoint covers, in order.
    public let entries: [LogEntry]
    /// The publish entry of each `name@version`.
    private let publishes: [String: LogEntry]
    /// The last yank or unyank entry of each `name@version` that has one.
    private let yanks: [String: LogEntry]

    init(origin: String, location: String, log: RegistryLog) throws {
        var publishes: [String: LogEntry] = [:]
        var yanks: [String: LogEntry] = [:]
        let path = "\(location)/\(RegistryLayout.logEntriesPath)"
        for entry in log.entries where entry.op != .key {
            let id = "\(entry.name)@\(entry.version ?? "")"
            if entry.op == .publish {
                guard publishes.updateValue(entry, forKey: id) == nil else {
                    throw RegistryError.brokenLog(path, line: entry.seq, "it publishes \(id) a second time")
                }
            } else {
                guard publishes[id] != nil else {
                    throw RegistryError.brokenLog(path, line: entry.seq, "it \(entry.op.rawValue)s \(id), which it never published")
                }
                yanks[id] = entry
            }
        }
        self.origin = origin
        self.location = location
        checkpoint = log.checkpoint
        entries = log.entries
        self.publishes = publishes
        self.yanks = yanks
    }

    /// Checks that the log records `line` as it is: published with its sha256 and key id,
    /// and yanked or not as the log's last word on it says.
    public func verify(_ line: IndexLine) throws {
        let id = "\(line.name)@\(line.version)"
        let registry = "'\(origin)' (\(location))"
        guard let entry = publishes[id] else {
            throw RegistryError.unloggedLine(id, registry: registry,
                                             "its signed log (\(checkpoint.size) entries) never published it")
        }
        if entry.sha256 != line.sha256.hex || entry.keyID != line.keyID {
            throw RegistryError.unloggedLine(
                id, registry: registry, "the index gives sha256 \(line.sha256.hex) and key \(line.keyID), but the log's "
                    + "entry \(entry.seq) published sha256 \(entry.sha256 ?? "none") signed by key \(entry.keyID)")
        }
        let last = yanks[id]
        let yanked = last?.op == .yank
        guard line.yanked == yanked else {
            let word = last.map { "the log's entry \($0.seq) \($0.op.rawValue)s it" } ?? "the log never yanked it"
            throw RegistryError.unloggedLine(
                id, registry: registry, "the index says it is \(line.yanked ? "yanked" : "not yanked"), but \(word)")
        }
    }
}
