import Foundation
import PerfDiagnostics
import PerfHTTP
import PerfTestSupport
import Testing

/// `--offline`: every call refuses before a connection is attempted.
@Suite struct OfflineTests {
    @Test func offlineMakesNoRequestAtAll() throws {
        let server = try FlakyServer()
        let client = HTTPClient(configuration: .fast(offline: true))
        let target = try TemporaryDirectory("perf-http")
        let url = server.url("/blob/100/good/a")
        let errors: [HTTPError] = [
            try #require(throws: HTTPError.self) { try client.get(url) },
            try #require(throws: HTTPError.self) { try client.getRevalidating(url, cached: CachedResource(body: Data(), etag: "\"x\"")) },
            try #require(throws: HTTPError.self) { try client.download(url, to: target.path("blob"), expectedSize: 100) { _ in } },
            try #require(throws: HTTPError.self) { try client.send("POST", url, body: Data("x".utf8)) },
        ]
        for error in errors {
            #expect(error.exitStatus == .unavailable)
            #expect(error.description.hasPrefix("offline: perf would have fetched \(url.absoluteString)"))
            #expect(error.description.contains("drop --offline"))
        }
        #expect(try target.listFiles().isEmpty)
        #expect(try server.requests().isEmpty)

        // The same server answers a client that is online, so the empty log above means something.
        _ = try HTTPClient(configuration: .fast()).get(url)
        #expect(try server.requests().count == 1)
    }
}
