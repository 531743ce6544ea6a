import Foundation
import PerfDiagnostics
import PerfHTTP
import PerfTestSupport
import Testing

/// The client against a real static web server: what a registry's read path looks like in production.
@Suite struct NginxTests {
    @Test func getReturnsBodyAndHeaders() throws {
        let nginx = try NginxServer()
        try nginx.serve("index.json", Data("{\"name\":\"a\"}\n".utf8))
        let response = try HTTPClient(configuration: .fast()).get(nginx.url("index.json"))
        #expect(response.status == 200)
        #expect(response.body == Data("{\"name\":\"a\"}\n".utf8))
        #expect(response.headers["etag"]?.hasPrefix("\"") == true)
        #expect(response.headers["CONTENT-LENGTH"] == "13")
    }

    @Test func revalidationAnswersNotModifiedUntilTheFileChanges() throws {
        let nginx = try NginxServer()
        let file = try nginx.serve("index", Data("v1\n".utf8))
        let client = HTTPClient(configuration: .fast())
        guard case .modified(let first) = try client.getRevalidating(nginx.url("index"), cached: nil) else {
            Issue.record("a first fetch has nothing to revalidate")
            return
        }
        #expect(first.body == Data("v1\n".utf8))
        let etag = try #require(first.etag)
        #expect(try client.getRevalidating(nginx.url("index"), cached: first) == .notModified)

        try Data("version 2\n".utf8).write(to: file)
        guard case .modified(let second) = try client.getRevalidating(nginx.url("index"), cached: first) else {
            Issue.record("a changed file must be sent again")
            return
        }
        #expect(second.body == Data("version 2\n".utf8))
        #expect(second.etag != nil && second.etag != etag)

        let log = try nginx.accessLog(waitingFor: 3)
        #expect(log.map(\.status) == ["200", "304", "200"])
        #expect(log.map(\.ifNoneMatch) == ["", etag, etag])
    }

    @Test func downloadVerifiesThenInstalls() throws {
        let nginx = try NginxServer()
        let blob = BlobPattern.bytes(300_000)
        try nginx.serve("blob", blob)
        let target = try TemporaryDirectory("perf-http")
        let destination = target.path("cache/blobs/blob")
        var verified: URL?
        try HTTPClient(configuration: .fast()).download(nginx.url("blob"), to: destination, expectedSize: blob.count) { file in
            verified = file
            // Verification sees the complete bytes before anything is installed.
            #expect(!FileManager.default.fileExists(atPath: destination.path))
            try ContentCheck.matching(blob)(file)
        }
        #expect(verified == HTTPClient.partialLocation(for: destination))
        #expect(try Data(contentsOf: destination) == blob)
        #expect(try target.listFiles() == ["cache/blobs/blob"])
    }

    @Test func downloadResumesAnExistingPartialWithRange() throws {
        let blob = BlobPattern.bytes(100_000)
        let result = try download(blob, over: blob.prefix(40_000), expectedSize: blob.count, requests: 1)
        #expect(result.installed == blob)
        #expect(result.files == ["blob"])
        #expect(result.log.map(\.range) == ["bytes=40000-"])
        #expect(result.log.map(\.status) == ["206"])
    }

    @Test func aCompletePartialIsVerifiedWithoutRefetching() throws {
        let blob = BlobPattern.bytes(5_000)
        let result = try download(blob, over: blob, expectedSize: nil, requests: 1)
        #expect(result.installed == blob)
        #expect(result.log.map(\.status) == ["416"])
    }

    @Test func aPartialLongerThanTheFileStartsOver() throws {
        let blob = BlobPattern.bytes(5_000)
        let result = try download(blob, over: Data(repeating: 7, count: 9_000), expectedSize: nil, requests: 2)
        #expect(result.installed == blob)
        #expect(result.log.map(\.status) == ["416", "200"])
        #expect(result.log.map(\.range) == ["bytes=9000-", ""])
    }

    /// Serves `blob`, leaves `partial` where an interrupted download would have, downloads
    /// (verifying against `blob`), and returns what was installed and what nginx saw.
    private func download(_ blob: Data, over partial: Data, expectedSize: Int?,
                          requests: Int) throws -> (installed: Data, files: [String], log: [AccessLogLine]) {
        let nginx = try NginxServer()
        try nginx.serve("blob", blob)
        let target = try TemporaryDirectory("perf-http")
        let destination = target.path("blob")
        try partial.write(to: HTTPClient.partialLocation(for: destination))
        try HTTPClient(configuration: .fast()).download(nginx.url("blob"), to: destination, expectedSize: expectedSize,
                                                        verify: ContentCheck.matching(blob))
        return (try Data(contentsOf: destination), try target.listFiles(), try nginx.accessLog(waitingFor: requests))
    }

    @Test func missingFileIsNotFoundNamingTheURL() throws {
        let nginx = try NginxServer()
        let url = nginx.url("index/acme/missing")
        let error = try #require(throws: HTTPError.self) { try HTTPClient(configuration: .fast()).get(url) }
        #expect(error.exitStatus == .notFound)
        #expect(error.status == 404)
        #expect(error.url == url)
        #expect(error.description.contains(url.absoluteString))
        #expect(error.description.contains("404"))
        // A 404 is never retried: the next request logged after it is the fence.
        try nginx.serve("fence", Data())
        _ = try HTTPClient(configuration: .fast()).get(nginx.url("fence"))
        #expect(try nginx.accessLog(waitingFor: 2).map(\.status) == ["404", "200"])

        let target = try TemporaryDirectory("perf-http")
        let download = try #require(throws: HTTPError.self) {
            try HTTPClient(configuration: .fast()).download(url, to: target.path("x"), expectedSize: nil) { _ in }
        }
        #expect(download.exitStatus == .notFound)
        #expect(try target.listFiles().isEmpty)
    }

    @Test func requestsReuseOneConnection() throws {
        let nginx = try NginxServer()
        for name in ["a", "b", "c"] { try nginx.serve(name, Data(name.utf8)) }
        let client = HTTPClient(configuration: .fast())
        for name in ["a", "b", "c", "a"] {
            #expect(try client.get(nginx.url(name)).body == Data(name.utf8))
        }
        let target = try TemporaryDirectory("perf-http")
        try client.download(nginx.url("b"), to: target.path("b"), expectedSize: 1) { _ in }
        let log = try nginx.accessLog(waitingFor: 5)
        #expect(log.count == 5)
        #expect(Set(log.map(\.connection)).count == 1)
    }

    @Test func threadsShareOneClientSafely() throws {
        let nginx = try NginxServer()
        for index in 0..<4 { try nginx.serve("f\(index)", Data("file \(index)".utf8)) }
        let client = HTTPClient(configuration: .fast())
        let bodies = LockedBodies()
        DispatchQueue.concurrentPerform(iterations: 12) { index in
            bodies.record(index, (try? client.get(nginx.url("f\(index % 4)")))?.body)
        }
        for index in 0..<12 { #expect(bodies[index] == Data("file \(index % 4)".utf8)) }
        let log = try nginx.accessLog(waitingFor: 12)
        #expect(log.count == 12)
        #expect(Set(log.map(\.connection)).count == 1)
    }
}

/// Bodies received on several threads, by request number.
private final class LockedBodies: @unchecked Sendable {
    private let lock = NSLock()
    private var bodies: [Int: Data] = [:]

    func record(_ index: Int, _ body: Data?) {
        lock.lock()
        defer { lock.unlock() }
        bodies[index] = body
    }

    subscript(index: Int) -> Data? {
        lock.lock()
        defer { lock.unlock() }
        return bodies[index]
    }
}
