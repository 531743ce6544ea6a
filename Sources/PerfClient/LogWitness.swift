import PerfManifest
import PerfRegistry

/// A registry's transparency log as this client verified it (`TransparencyCheck`: the signed
/// checkpoint, the hash chain, and that it extends the checkpoint seen before), vouching for
/// each index line the client reads: a version the log never published, another digest or
/// key, or a yank the log does not record is refused. A writer replaces the index before it
/// appends to the log, so a line may briefly run ahead of the log: the log is then checked
/// again once before the line is refused.
final class LogWitness {
    private let check: TransparencyCheck
    private let source: any RegistrySource
    private var log: VerifiedLog

    /// Verifies `source`'s log with `check`.
    init(check: TransparencyCheck, source: any RegistrySource) throws {
        self.check = check
        self.source = source
        log = try check.verify(source)
    }

    /// Throws `RegistryError` unless the log records every line as it is.
    func vouch(for lines: [IndexLine]) throws {
        do {
            for line in lines { try log.verify(line) }
        } catch {
            log = try check.verify(source)
            for line in lines { try log.verify(line) }
        }
    }
}
