import Foundation

/// What a finished child process printed and how it ended.
public struct ProcessResult: Sendable {
    /// The exit status (or the signal number for a process killed by a signal).
    public let status: Int32
    /// Everything written to standard output, as UTF-8.
    public let stdout: String
    /// Everything written to standard error, as UTF-8.
    public let stderr: String
}

/// Runs real executables (the built `perf`, `minisign`, `bsdtar`, `python3`) from tests.
public enum ProcessRunner {
    /// Runs `executable` with `arguments`, waits for it, and returns its output.
    /// `environment` entries are added to (and override) the current environment.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                           currentDirectory: URL? = nil, input: Data? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        if let input { inp.fileHandleForWriting.write(input) }
        try? inp.fileHandleForWriting.close()
        // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a program found on `PATH` by name.
    public static func run(tool name: String, _ arguments: [String], environment: [String: String] = [:],
                           currentDirectory: URL? = nil, input: Data? = nil) throws -> ProcessResult {
        guard let url = which(name) else {
            throw ToolMissing(name: name)
        }
        return try run(url, arguments, environment: environment, currentDirectory: currentDirectory, input: input)
    }

    /// The full path of `name` on `PATH`, or nil.
    public static func which(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// The `perf` executable built next to the running test bundle.
    public static var perfExecutable: URL {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = here.deletingLastPathComponent()
        // The test runner lives in .build/<config>/perfPackageTests.xctest (a file on Linux,
        // a bundle directory elsewhere); `perf` is built into the same configuration folder.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("perf")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/perf")
    }

    /// Runs the built `perf` with `arguments` and a private `PERF_HOME`.
    public static func perf(_ arguments: [String], home: URL, environment: [String: String] = [:],
                            currentDirectory: URL? = nil, input: Data? = nil) throws -> ProcessResult {
        try run(perfExecutable, arguments, environment: environment.merging(["PERF_HOME": home.path]) { mine, _ in mine },
                currentDirectory: currentDirectory, input: input)
    }
}

/// A test needed a program that is not installed; the README's test command installs it.
public struct ToolMissing: Error, CustomStringConvertible {
    /// The program's name.
    public let name: String
    public var description: String { "\(name) is not installed; run scripts/test, which installs it" }
}
