import Foundation
import PerfTestSupport

/// The misbehaving server of `Fixtures/flaky_server.py` on a free loopback port, for one test.
/// Each request it received is in `requests()`; the process ends when the value is released.
final class FlakyServer: @unchecked Sendable {
    /// The port it listens on.
    let port: Int
    private let directory: TemporaryDirectory
    private let process = Process()
    private let log: URL

    /// Starts the server and waits until it answers.
    init() throws {
        directory = try TemporaryDirectory("perf-flaky")
        log = directory.path("requests.jsonl")
        try Data().write(to: log)
        let errors = directory.path("stderr.txt")
        try Data().write(to: errors)
        let script = RepositoryPaths.tests.appendingPathComponent("PerfHTTPTests/Fixtures/flaky_server.py")
        // python3 is a pyenv shim here: start the real interpreter so terminate() reaches the server.
        process.executableURL = try Python.executable()
        process.arguments = [script.path, log.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            guard !chunk.isEmpty else {
                throw ServerStartFailure(server: "flaky_server.py", log: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
            }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ServerStartFailure(server: "flaky_server.py", log: String(decoding: line, as: UTF8.self))
        }
        self.port = port
        try LoopbackPort.waitUntilListening(port)
    }

    deinit {
        // SIGKILL, not terminate(): a child started from a test thread inherits its blocked
        // signal mask, so SIGTERM would wait forever.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// `http://127.0.0.1:PORT` + `path`.
    func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    /// Every request received so far, in order.
    func requests() throws -> [FlakyRequest] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map {
            try decoder.decode(FlakyRequest.self, from: Data($0.utf8))
        }
    }

    /// The requests received for `path`.
    func requests(to path: String) throws -> [FlakyRequest] {
        try requests().filter { $0.path == path }
    }
}

/// One request as the flaky server logged it.
struct FlakyRequest: Decodable, Sendable {
    let method: String
    let path: String
    let range: String?
    let ifNoneMatch: String?
    let authorization: String?
    let userAgent: String?
    let bodyLength: Int
}

/// A test server did not start; `log` is what it said.
struct ServerStartFailure: Error, CustomStringConvertible {
    let server: String
    let log: String
    var description: String { "\(server) did not start: \(log)" }
}

/// The real Python interpreter behind the `python3` on PATH.
enum Python {
    private static let resolved: Result<URL, any Error> = Result {
        let result = try ProcessRunner.run(tool: "python3", ["-c", "import sys; print(sys.executable)"])
        return URL(fileURLWithPath: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The interpreter's path (resolved once).
    static func executable() throws -> URL { try resolved.get() }
}
