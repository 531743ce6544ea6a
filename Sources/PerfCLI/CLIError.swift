import PerfDiagnostics

/// The CLI's own user-facing errors: bad arguments that parse but make no sense, missing
/// files named on the command line, HTTP registries given to folder-only commands.
public struct CLIError: PerfError {
    private enum Reason: Sendable {
        case fileNotFound(path: String, what: String, fix: String)
        case invalidArgument(argument: String, value: String, expected: String)
        case unsupportedRegistry(url: String, command: String)
        case noKey(keys: String)
        case notAConcept(path: String, kind: String)
        case missingFile(package: String, file: String)
    }

    private let reason: Reason

    /// A file named on the command line (or implied by it) does not exist.
    static func fileNotFound(_ path: String, what: String, fix: String) -> CLIError {
        CLIError(reason: .fileNotFound(path: path, what: what, fix: fix))
    }

    /// An argument parsed but its value is not acceptable.
    static func invalidArgument(_ argument: String, value: String, expected: String) -> CLIError {
        CLIError(reason: .invalidArgument(argument: argument, value: value, expected: expected))
    }

    /// An HTTP registry given to a command that needs the registry's folder.
    static func unsupportedRegistry(_ url: String, command: String) -> CLIError {
        CLIError(reason: .unsupportedRegistry(url: url, command: command))
    }

    /// No signing key was named and the keyring does not hold exactly one.
    static func noKey(available: [String]) -> CLIError {
        CLIError(reason: .noKey(keys: available.isEmpty ? "none" : available.joined(separator: ", ")))
    }

    /// A package folder lacks a file its kind requires.
    static func missingFile(package: String, file: String) -> CLIError {
        CLIError(reason: .missingFile(package: package, file: file))
    }

    public var exitStatus: ExitStatus {
        switch reason {
        case .fileNotFound, .noKey: .notFound
        case .invalidArgument: .usage
        case .unsupportedRegistry: .configuration
        case .notAConcept, .missingFile: .dataError
        }
    }

    public var description: String {
        switch reason {
        case let .fileNotFound(path, what, fix):
            "\(path): no such \(what); \(fix)"
        case let .invalidArgument(argument, value, expected):
            "\(argument) \"\(value)\": expected \(expected)"
        case let .unsupportedRegistry(url, command):
            "registry \(url): \(command) needs the registry's folder (a path or file:// URL), since an HTTP "
                + "registry's tree cannot be listed; run it where the folder is, or ask for one package with `perf info S/N`"
        case let .noKey(keys):
            "no signing key chosen and the keyring holds \(keys); name one with --key NAME, "
                + "or create one with `perf keys generate`"
        case let .notAConcept(path, kind):
            "\(path): is a \(kind) package, but this command needs a concept"
        case let .missingFile(package, file):
            "\(package): missing \(file); a package of this kind must contain it"
        }
    }
}
