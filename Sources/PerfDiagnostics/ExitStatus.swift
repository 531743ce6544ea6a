/// The stable exit statuses of `perf`, after BSD's sysexits(3). Documented in the README;
/// never renumber one.
public struct ExitStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric process exit status.
    public let rawValue: Int32

    /// Wraps a numeric exit status.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The command did what was asked.
    public static let success = ExitStatus(rawValue: 0)
    /// A failure with no more specific status.
    public static let failure = ExitStatus(rawValue: 1)
    /// The command line was wrong (unknown flag, missing argument).
    public static let usage = ExitStatus(rawValue: 64)
    /// Input data was malformed: a manifest, archive, safetensors file, index line or signature file.
    public static let dataError = ExitStatus(rawValue: 65)
    /// A named file, package, version or key does not exist.
    public static let notFound = ExitStatus(rawValue: 66)
    /// A registry or service could not be reached.
    public static let unavailable = ExitStatus(rawValue: 69)
    /// A bug in perf (an `InternalError`).
    public static let software = ExitStatus(rawValue: 70)
    /// Something already exists and perf will not overwrite it (a published version, a key).
    public static let conflict = ExitStatus(rawValue: 73)
    /// Reading or writing a file failed.
    public static let ioError = ExitStatus(rawValue: 74)
    /// A transient failure (a lock held too long, a network timeout): retrying may succeed.
    public static let temporaryFailure = ExitStatus(rawValue: 75)
    /// Verification failed: a bad signature, an untrusted key, a digest mismatch.
    public static let verificationFailed = ExitStatus(rawValue: 77)
    /// perf's own configuration is wrong.
    public static let configuration = ExitStatus(rawValue: 78)

    public var description: String { String(rawValue) }
}
