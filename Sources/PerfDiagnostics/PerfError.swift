/// An error a user of perf may see: its message says what happened, to which file or
/// package, and what to do about it. Every module has one type conforming to this.
public protocol PerfError: Error, CustomStringConvertible, Sendable {
    /// The process exit status `perf` uses when this error ends a command.
    var exitStatus: ExitStatus { get }
}

/// A broken invariant inside perf: a bug, never a user's mistake. Kept apart from
/// `PerfError` so it never masquerades as advice to the user.
public struct InternalError: Error, CustomStringConvertible, Sendable {
    /// What invariant broke, for the bug report.
    public let message: String
    /// Where it broke.
    public let file: String
    /// Where it broke.
    public let line: Int

    /// Records a broken invariant at the caller's location.
    public init(_ message: String, file: String = #fileID, line: Int = #line) {
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String {
        "internal error: \(message) (\(file):\(line)); this is a bug in perf, please report it"
    }
}
