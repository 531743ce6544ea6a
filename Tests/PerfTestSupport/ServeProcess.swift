#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// `perf registry serve` running as a child process on a free loopback port.
public final class ServeProcess: @unchecked Sendable {
    public let process = Process()
    /// The port it listens on.
    public let port: Int
    private let errors: URL

    /// Starts the server on `root` with `arguments` added, and waits until it listens.
    public init(root: URL, arguments: [String], scratch: TemporaryDirectory, environment: [String: String] = [:]) throws {
        errors = scratch.path("serve-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.executableURL = ProcessRunner.perfExecutable
        process.arguments = ["registry", "serve", root.path, "--port", "0"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        // The first line says where it listens: "Serving DIR on http://127.0.0.1:PORT (...)".
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else {
                process.waitUntilExit()
                throw ServeFailed(message: "perf registry serve exited (\(process.terminationStatus)): "
                                      + ((try? String(contentsOf: errors, encoding: .utf8)) ?? ""))
            }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let address = text.range(of: "http://127.0.0.1:"),
              let port = Int(text[address.upperBound...].prefix { $0.isNumber }) else {
            throw ServeFailed(message: "unexpected first line: \(text)")
        }
        self.port = port
    }

    /// `http://127.0.0.1:PORT` and `path`.
    public func url(_ path: String = "") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// What the server wrote on standard error.
    public var standardError: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

    /// Kills the server with `signal` and waits for it.
    public func stop(_ signal: Int32 = SIGTERM) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }

    deinit { stop(SIGKILL) }
}

/// The server did not start.
public struct ServeFailed: Error, CustomStringConvertible {
    let message: String
    /// A failure described by `message`.
    public init(message: String) { self.message = message }
    public var description: String { message }
}
