import ArgumentParser
import Foundation
import PerfDiagnostics

/// The one place where errors become text on standard error and an exit status.
enum ErrorRendering {
    /// Prints `error` the way users see it and ends the process with its stable status.
    static func exit(with error: Error) -> Never {
        switch error {
        case let error as PerfError:
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            Foundation.exit(error.exitStatus.rawValue)
        case let error as InternalError:
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            Foundation.exit(ExitStatus.software.rawValue)
        default:
            // Help, version and usage errors belong to swift-argument-parser.
            let code = Perf.exitCode(for: error)
            let message = Perf.fullMessage(for: error)
            if !message.isEmpty {
                let stream = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((message + "\n").utf8))
            }
            Foundation.exit(code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue)
        }
    }
}
