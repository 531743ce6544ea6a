import Foundation
import PerfDiagnostics
import PerfHTTP
import PerfTestSupport
import Testing

/// Downloads from a server that breaks off, corrupts, ignores or garbles ranges: the file
/// either resumes to the right bytes or is refused, and is never installed unverified.
@Suite struct DownloadTests {
    @Test func aBrokenOffDownloadKeepsItsPartialAndTheNextOneResumes() throws {
        let server = try FlakyServer()
        let url = server.url("/blob/200000/truncate/a")
        let blob = BlobPattern.bytes(200_000)
        let target = try TemporaryDirectory("perf-http")
        let destination = target.path("blob")
        let partial = HTTPClient.partialLocation(for: destination)

        let error = try #require(throws: HTTPError.self) {
            try HTTPClient(configuration: .fast(maxRetries: 0)).download(url, to: destination, expectedSize: blob.count,
                                                                         verify: ContentCheck.matching(blob))
        }
        #expect(error.exitStatus == .unavailable)
        #expect(error.description.contains("broke off"))
        #expect(!FileManager.default.fileExists(atPath: destination.path))
        #expect(try Data(contentsOf: partial) == blob.prefix(100_000))

        try HTTPClient(configuration: .fast(maxRetries: 0)).download(url, to: destination, expectedSize: blob.count,
                                                                     verify: ContentCheck.matching(blob))
        #expect(try Data(contentsOf: destination) == blob)
        #expect(try target.listFiles() == ["blob"])
        #expect(try server.requests().map(\.range) == [nil, "bytes=100000-"])
    }

    @Test func aRetryWithinOneDownloadResumes() throws {
        let server = try FlakyServer()
        let blob = BlobPattern.bytes(50_000)
        let target = try TemporaryDirectory("perf-http")
        try HTTPClient(configuration: .fast()).download(server.url("/blob/50000/truncate/b"), to: target.path("blob"),
                                                        expectedSize: blob.count, verify: ContentCheck.matching(blob))
        #expect(try Data(contentsOf: target.path("blob")) == blob)
        #expect(try server.requests().map(\.range) == [nil, "bytes=25000-"])
    }

    @Test func aCorruptedDownloadIsRefusedAndDiscarded() throws {
        let server = try FlakyServer()
        let url = server.url("/blob/30000/corrupt/c")
        let target = try TemporaryDirectory("perf-http")
        let error = try #require(throws: HTTPError.self) {
            try HTTPClient(configuration: .fast()).download(url, to: target.path("blob"), expectedSize: 30_000,
                                                            verify: ContentCheck.matching(BlobPattern.bytes(30_000)))
        }
        #expect(error.exitStatus == .verificationFailed)
        #expect(error.description.contains(url.absoluteString))
        #expect(error.description.contains("content differs"))
        #expect(try target.listFiles().isEmpty)
    }

    @Test func moreBytesThanExpectedAreRefused() throws {
        let server = try FlakyServer()
        let target = try TemporaryDirectory("perf-http")
        var verifyCalled = false
        let error = try #require(throws: HTTPError.self) {
            try HTTPClient(configuration: .fast()).download(server.url("/blob/1000/oversize/d"), to: target.path("blob"),
                                                            expectedSize: 1000) { _ in verifyCalled = true }
        }
        #expect(error.exitStatus == .verificationFailed)
        #expect(!verifyCalled)
        #expect(try target.listFiles().isEmpty)
    }

    @Test func fewerBytesThanExpectedAreRefused() throws {
        let server = try FlakyServer()
        let target = try TemporaryDirectory("perf-http")
        let error = try #require(throws: HTTPError.self) {
            try HTTPClient(configuration: .fast()).download(server.url("/blob/1000/good/e"), to: target.path("blob"),
                                                            expectedSize: 1001) { _ in }
        }
        #expect(error.exitStatus == .verificationFailed)
        #expect(error.description.contains("1000 bytes, expected 1001"))
        #expect(try target.listFiles().isEmpty)
    }

    @Test func aServerIgnoringRangeRestartsTheFile() throws {
        let server = try FlakyServer()
        let blob = BlobPattern.bytes(20_000)
        let target = try TemporaryDirectory("perf-http")
        let destination = target.path("blob")
        try Data(repeating: 0xEE, count: 5_000).write(to: HTTPClient.partialLocation(for: destination))
        try HTTPClient(configuration: .fast()).download(server.url("/blob/20000/ignore-range/f"), to: destination,
                                                        expectedSize: blob.count, verify: ContentCheck.matching(blob))
        #expect(try Data(contentsOf: destination) == blob)
        #expect(try server.requests().map(\.range) == ["bytes=5000-"])
    }

    @Test func aRangeThatDoesNotContinueThePartialIsRefused() throws {
        let server = try FlakyServer()
        let target = try TemporaryDirectory("perf-http")
        let destination = target.path("blob")
        try BlobPattern.bytes(5_000).write(to: HTTPClient.partialLocation(for: destination))
        let error = try #require(throws: HTTPError.self) {
            try HTTPClient(configuration: .fast()).download(server.url("/blob/20000/wrong-range/g"), to: destination,
                                                            expectedSize: 20_000) { _ in }
        }
        #expect(error.exitStatus == .dataError)
        #expect(error.description.contains("bytes 0-19999/20000"))
        #expect(try target.listFiles().isEmpty)
    }

    @Test func aStalledDownloadTimesOutAndKeepsWhatArrived() throws {
        let server = try FlakyServer()
        let target = try TemporaryDirectory("perf-http")
        let destination = target.path("blob")
        let started = Date()
        let error = try #require(throws: HTTPError.self) {
            try HTTPClient(configuration: .fast(maxRetries: 0)).download(server.url("/stall/body"), to: destination,
                                                                         expectedSize: 1000) { _ in }
        }
        #expect(Date().timeIntervalSince(started) < 6)
        #expect(error.exitStatus == .temporaryFailure)
        #expect(try Data(contentsOf: HTTPClient.partialLocation(for: destination)) == BlobPattern.bytes(10))
        #expect(!FileManager.default.fileExists(atPath: destination.path))
    }

    @Test func anErrorBodyNeverReachesThePartial() throws {
        let server = try FlakyServer()
        let target = try TemporaryDirectory("perf-http")
        try HTTPClient(configuration: .fast()).download(server.url("/fail-then-ok/2/h"), to: target.path("ok"),
                                                        expectedSize: nil, verify: ContentCheck.matching(Data("ok h\n".utf8)))
        #expect(try Data(contentsOf: target.path("ok")) == Data("ok h\n".utf8))
        #expect(try server.requests().count == 3)
    }
}
