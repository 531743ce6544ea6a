import Foundation

/// The named steps of the write path, in order. Crash tests stop a writer at one of them:
/// with `PERF_REGISTRY_TEST_PAUSE_AT=<step>` in its environment, the process creates the
/// file named by `PERF_REGISTRY_TEST_PAUSE_FILE` (if set) when it reaches that step and then
/// sleeps for `PERF_REGISTRY_TEST_PAUSE_SECONDS` (default 30) before going on, so a test can
/// SIGKILL it exactly there. Without the variable, every step is inert.
enum WriteStep: String, CaseIterable, Sendable {
    /// The lock is held and any interrupted operation has been rolled forward.
    case locked
    /// The archive is in `blobs/`.
    case blobWritten = "blob-written"
    /// The signature is in `sigs/`.
    case signatureWritten = "signature-written"
    /// The checkpoint after the new entries is signed (in memory; nothing written yet).
    case checkpointSigned = "checkpoint-signed"
    /// `log/pending` describes the whole operation.
    case pendingWritten = "pending-written"
    /// `keys/<scope>.json` holds the rotated key.
    case keysWritten = "keys-written"
    /// The index file holds the new line (or flipped flag).
    case indexWritten = "index-written"
    /// Half of the new log lines are written (only reached when a test pauses here: the
    /// append is then split in two writes to leave a torn line behind).
    case logTorn = "log-torn"
    /// The log lines are appended.
    case logWritten = "log-written"
    /// `log/checkpoint` matches the log.
    case checkpointWritten = "checkpoint-written"

    /// The step a test asked to pause at, read once per process.
    static let pauseStep: WriteStep? = ProcessInfo.processInfo.environment["PERF_REGISTRY_TEST_PAUSE_AT"]
        .flatMap(WriteStep.init(rawValue:))

    /// Pauses here if a test asked for this step; does nothing otherwise.
    func reached() {
        guard Self.pauseStep == self else { return }
        let environment = ProcessInfo.processInfo.environment
        if let marker = environment["PERF_REGISTRY_TEST_PAUSE_FILE"] {
            _ = FileManager.default.createFile(atPath: marker, contents: Data(rawValue.utf8))
        }
        let seconds = environment["PERF_REGISTRY_TEST_PAUSE_SECONDS"].flatMap(UInt32.init) ?? 30
        sleep(seconds)
    }
}
