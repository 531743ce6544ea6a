import Foundation
import PerfDiagnostics
import PerfHTTP
import PerfTestSupport
import Testing

/// Retries, give-ups and time limits against a server that fails on purpose.
@Suite struct RetryTests {
    @Test func transientFailuresAreRetriedUntilTheyPass() throws {
        let server = try FlakyServer()
        let response = try HTTPClient(configuration: .fast()).get(server.url("/fail-then-ok/2/a"))
        #expect(response.body == Data("ok a\n".utf8))
        let requests = try server.requests()
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.userAgent == "perf/test" })
    }

    @Test func givesUpAfterMaxRetriesNamingURLAndStatus() throws {
        let server = try FlakyServer()
        let url = server.url("/status/503/b")
        let error = try #require(throws: HTTPError.self) { try HTTPClient(configuration: .fast(maxRetries: 3)).get(url) }
        #expect(try server.requests().count == 4)
        #expect(error.status == 503)
        #expect(error.exitStatus == .unavailable)
        #expect(error.description.contains(url.absoluteString))
        #expect(error.description.contains("HTTP 503 after 4 attempts"))
        #expect(error.description.contains("status 503 for b"))  // the server's own words
    }

    @Test(arguments: [400, 401, 403, 404, 409, 410])
    func otherClientErrorsAreNeverRetried(status: Int) throws {
        let server = try FlakyServer()
        let error = try #require(throws: HTTPError.self) {
            try HTTPClient(configuration: .fast()).get(server.url("/status/\(status)/c"))
        }
        #expect(error.status == status)
        #expect(try server.requests().count == 1)
    }

    @Test func retryAfterIsHonoured() throws {
        let server = try FlakyServer()
        let started = Date()
        let response = try HTTPClient(configuration: .fast()).get(server.url("/retry-after/1/d"))
        let elapsed = Date().timeIntervalSince(started)
        #expect(response.body == Data("ok after waiting\n".utf8))
        #expect(try server.requests().count == 2)
        // The backoff alone would have waited about 10 ms.
        #expect(elapsed >= 0.95)
        #expect(elapsed < 3)
    }

    @Test func retryAfterIsCapped() throws {
        let server = try FlakyServer()
        var configuration = HTTPClientConfiguration.fast()
        configuration.maxRetryDelay = 0.2
        let started = Date()
        _ = try HTTPClient(configuration: configuration).get(server.url("/retry-after/3600/e"))
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func aStalledServerTimesOutInBoundedTime() throws {
        let server = try FlakyServer()
        let url = server.url("/stall/headers")
        let started = Date()
        let error = try #require(throws: HTTPError.self) {
            try HTTPClient(configuration: .fast(maxRetries: 1, stallTimeout: 1)).get(url)
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < 8)
        #expect(error.exitStatus == .temporaryFailure)
        #expect(error.description.contains("timed out after 2 attempts"))
        #expect(error.description.contains(url.absoluteString))
        #expect(try server.requests().count == 2)
    }

    @Test func aConnectionRefusedIsUnavailable() throws {
        let url = URL(string: "http://127.0.0.1:\(try LoopbackPort.free())/index")!
        let started = Date()
        let error = try #require(throws: HTTPError.self) { try HTTPClient(configuration: .fast(maxRetries: 2)).get(url) }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(error.exitStatus == .unavailable)
        #expect(error.description.contains("could not connect to \(url.absoluteString) after 3 attempts"))
    }

    @Test func anOversizedBodyIsRefused() throws {
        let server = try FlakyServer()
        var configuration = HTTPClientConfiguration.fast()
        configuration.maxResponseSize = 4096
        let error = try #require(throws: HTTPError.self) {
            try HTTPClient(configuration: configuration).get(server.url("/blob/100000/good/f"))
        }
        #expect(error.exitStatus == .dataError)
        #expect(error.description.contains("4096"))
    }

    @Test func sendCarriesBodyAndTokenAndReturnsRefusals() throws {
        let server = try FlakyServer()
        let client = HTTPClient(configuration: .fast())
        let echo = try client.send("PUT", server.url("/echo"), body: Data("{\"v\":1}".utf8),
                                   headers: ["Authorization": "Bearer s3cret", "Content-Type": "application/json"])
        let answer = try JSONSerialization.jsonObject(with: echo.body) as? [String: String]
        #expect(answer == ["method": "PUT", "body": "{\"v\":1}", "authorization": "Bearer s3cret"])

        // A refusal comes back as a response: the write API explains it in the body.
        let conflict = try client.send("POST", server.url("/status/409/g"), body: Data("x".utf8))
        #expect(conflict.status == 409)
        #expect(conflict.body == Data("status 409 for g\n".utf8))
        // A 500 may mean the write happened: it is not repeated. A 503 means it did not: it is.
        #expect(try client.send("POST", server.url("/status/500/h"), body: Data()).status == 500)
        #expect(try client.send("POST", server.url("/fail-then-ok/1/i"), body: Data("y".utf8)).status == 200)
        #expect(try server.requests(to: "/status/500/h").count == 1)
        let retried = try server.requests(to: "/fail-then-ok/1/i")
        #expect(retried.map(\.method) == ["POST", "POST"])
        #expect(retried.map(\.bodyLength) == [1, 1])
    }
}
