import Foundation
import PerfTestSupport

/// A real nginx serving `root` (a fresh temporary folder) on a free loopback port, with an
/// access log that records each request's connection number, status, Range and If-None-Match.
final class NginxServer: @unchecked Sendable {
    /// The port it listens on.
    let port: Int
    /// The folder it serves.
    let root: URL
    private let directory: TemporaryDirectory
    private let process = Process()
    private let accessLogFile: URL

    /// Writes a minimal configuration, starts nginx in the foreground, and waits until it answers.
    init() throws {
        directory = try TemporaryDirectory("perf-nginx")
        root = directory.path("root")
        accessLogFile = directory.path("access.log")
        for folder in ["root", "logs", "client_body", "proxy", "fastcgi", "uwsgi", "scgi"] {
            try FileManager.default.createDirectory(at: directory.path(folder), withIntermediateDirectories: true)
        }
        port = try LoopbackPort.free()
        let prefix = directory.url.path
        let configuration = """
            daemon off;
            master_process off;
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/error.log;
            events {}
            http {
                log_format perf escape=json '{"connection":"$connection","status":"$status","request":"$request",'
                                            '"range":"$http_range","if_none_match":"$http_if_none_match"}';
                access_log \(accessLogFile.path) perf;
                client_body_temp_path \(prefix)/client_body;
                proxy_temp_path \(prefix)/proxy;
                fastcgi_temp_path \(prefix)/fastcgi;
                uwsgi_temp_path \(prefix)/uwsgi;
                scgi_temp_path \(prefix)/scgi;
                server {
                    listen 127.0.0.1:\(port);
                    root \(root.path);
                }
            }
            """
        let configurationFile = try directory.write("nginx.conf", configuration)
        guard let nginx = ProcessRunner.which("nginx") ?? ["/usr/sbin/nginx", "/usr/local/sbin/nginx"]
            .map(URL.init(fileURLWithPath:)).first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw ServerStartFailure(server: "nginx", log: "nginx is not installed; run scripts/setup-system, which installs it")
        }
        process.executableURL = nginx
        process.arguments = ["-e", "\(prefix)/error.log", "-c", configurationFile.path, "-p", prefix + "/"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while !LoopbackPort.isListening(port) {
            guard process.isRunning, Date() < deadline else {
                throw ServerStartFailure(server: "nginx", log: (try? String(contentsOf: directory.path("error.log"), encoding: .utf8)) ?? "")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    deinit {
        // SIGKILL, not terminate(): a child started from a test thread inherits its blocked
        // signal mask, so SIGTERM would wait forever.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// `http://127.0.0.1:PORT/` + `path`.
    func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)/\(path)")!
    }

    /// Writes `contents` to `path` under the served folder.
    @discardableResult
    func serve(_ path: String, _ contents: Data) throws -> URL {
        let file = root.appendingPathComponent(path)
        try contents.write(to: file)
        return file
    }

    /// The requests logged, in order, once there are at least `count` (nginx writes a line just
    /// after the response, so a client can be faster); whatever is there after 3 s otherwise.
    func accessLog(waitingFor count: Int) throws -> [AccessLogLine] {
        let deadline = Date().addingTimeInterval(3)
        while true {
            let lines = try String(contentsOf: accessLogFile, encoding: .utf8).split(separator: "\n").map {
                try JSONDecoder().decode(AccessLogLine.self, from: Data($0.utf8))
            }
            if lines.count >= count || Date() > deadline { return lines }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}

/// One line of the test nginx's access log (empty strings where a header was absent).
struct AccessLogLine: Decodable, Sendable {
    /// nginx's serial number of the connection the request came on.
    let connection: String
    let status: String
    let request: String
    let range: String
    let ifNoneMatch: String

    enum CodingKeys: String, CodingKey {
        case connection, status, request, range
        case ifNoneMatch = "if_none_match"
    }
}
