import ArgumentParser
import Logging

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Log what perf does on standard error.")
    var verbose = false

    /// Sets up swift-log: warnings by default, debug messages with `--verbose`.
    func bootstrapLogging() {
        let level: Logger.Level = verbose ? .debug : .warning
        LoggingBootstrap.once(level: level)
    }
}

/// Installs the process's log handler exactly once.
enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false

    static func once(level: Logger.Level) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
