import Foundation

/// A real nginx serving an existing folder as a static tree (ETags, Range requests) on a
/// free loopback port, as a registry's read path is served in production. Its access log
/// records each request's status, request line, Range and If-None-Match headers, so a test
/// can count the requests a client made.
public final class StaticFileServer: @unchecked Sendable {
    /// The port it listens on.
    public let port: Int
    /// The folder it serves.
    public let root: URL
    private let workspace: TemporaryDirectory
    private let process = Process()
    private let accessLogFile: URL

    /// Starts nginx in the foreground serving `root`, and waits until it answers.
    public init(serving root: URL) throws {
        self.root = root
        workspace = try TemporaryDirectory("perf-static")
        accessLogFile = workspace.path("access.log")
        for folder in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"] {
            try FileManager.default.createDirectory(at: workspace.path(folder), withIntermediateDirectories: true)
        }
        port = try LoopbackPort.free()
        let prefix = workspace.url.path
        let temporaryPaths = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
            .map { "\($0)_temp_path \(prefix)/\($0);" }.joined(separator: "\n    ")
        let configuration = """
            daemon off;
            master_process off;
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/error.log;
            events {}
            http {
                log_format requests escape=json '{"status":"$status","request":"$request",'
                                                '"range":"$http_range","if_none_match":"$http_if_none_match"}';
                access_log \(accessLogFile.path) requests;
                \(temporaryPaths)
                server {
                    listen 127.0.0.1:\(port);
                    root \(root.path);
                }
            }
            """
        let configurationFile = try workspace.write("nginx.conf", configuration)
        try workspace.write("access.log", "")
        guard let nginx = ProcessRunner.which("nginx") ?? ["/usr/sbin/nginx", "/usr/local/sbin/nginx"]
            .map(URL.init(fileURLWithPath:)).first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw ToolMissing(name: "nginx")
        }
        process.executableURL = nginx
        process.arguments = ["-e", "\(prefix)/error.log", "-c", configurationFile.path, "-p", prefix + "/"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        do {
            try LoopbackPort.waitUntilListening(port)
        } catch {
            kill(process.processIdentifier, SIGKILL)
            let log = (try? String(contentsOf: workspace.path("error.log"), encoding: .utf8)) ?? ""
            throw LoopbackPortError(what: "nginx did not start: \(log)")
        }
    }

    deinit {
        // SIGKILL: a child started from a test thread inherits its blocked signal mask.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// `http://127.0.0.1:PORT/` + `path`.
    public func url(_ path: String = "") -> URL {
        URL(string: "http://127.0.0.1:\(port)/\(path)")!
    }

    /// The requests logged so far, in order. nginx writes a line just after each response,
    /// so this waits up to a second for at least `count` lines.
    public func requests(atLeast count: Int = 0) throws -> [LoggedRequest] {
        let deadline = Date().addingTimeInterval(1)
        while true {
            let lines = try String(contentsOf: accessLogFile, encoding: .utf8).split(separator: "\n").map {
                try JSONDecoder().decode(LoggedRequest.self, from: Data($0.utf8))
            }
            if lines.count >= count || Date() > deadline { return lines }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}

/// One request in `StaticFileServer`'s access log (empty strings where a header was absent).
public struct LoggedRequest: Decodable, Sendable {
    /// The response status, e.g. `200`, `206`, `304`.
    public let status: String
    /// The request line, e.g. `GET /index/alice/teddy HTTP/1.1`.
    public let request: String
    /// The Range header.
    public let range: String
    /// The If-None-Match header.
    public let ifNoneMatch: String

    enum CodingKeys: String, CodingKey {
        case status, request, range
        case ifNoneMatch = "if_none_match"
    }

    /// The path requested, e.g. `/index/alice/teddy`.
    public var path: String {
        let parts = request.split(separator: " ")
        return parts.count > 1 ? String(parts[1]) : request
    }
}
