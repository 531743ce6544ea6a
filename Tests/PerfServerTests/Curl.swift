import Foundation
import PerfTestSupport

/// What the stock `curl` tool got back.
struct CurlResponse {
    let status: Int
    /// Header names lowercased; the last value of each.
    let headers: [String: String]
    let body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Runs `curl` (the command-line tool) against a live server.
enum Curl {
    /// Requests `url` with extra curl `arguments`; files go to `scratch`.
    static func request(_ url: String, _ arguments: [String] = [], scratch: TemporaryDirectory) throws -> CurlResponse {
        let id = UUID().uuidString
        let headers = scratch.path("curl-\(id).headers"), body = scratch.path("curl-\(id).body")
        let result = try ProcessRunner.run(tool: "curl", ["-sS", "-D", headers.path, "-o", body.path, "-w", "%{http_code}"]
                                               + arguments + [url])
        guard result.status == 0, let status = Int(result.stdout) else {
            throw ServeFailed(message: "curl \(arguments) \(url) failed (\(result.status)): \(result.stderr)")
        }
        var fields: [String: String] = [:]
        for line in try String(contentsOf: headers, encoding: .utf8).split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let data = (try? Data(contentsOf: body)) ?? Data()
        return CurlResponse(status: status, headers: fields, body: data)
    }
}
