import Foundation
import PerfDiagnostics
import PerfHTTP
import PerfTestSupport
import Testing

/// `file://` URLs go through the same code, for registries on disk and hermetic tests.
@Suite struct FileURLTests {
    @Test func getReadsAFile() throws {
        let folder = try TemporaryDirectory("perf-http")
        let file = try folder.write("index/acme/a", "{\"v\":\"1.0.0\"}\n")
        let response = try HTTPClient(configuration: .fast()).get(file)
        #expect(response.status == 200)
        #expect(response.body == Data("{\"v\":\"1.0.0\"}\n".utf8))
        guard case .modified(let cached) = try HTTPClient(configuration: .fast()).getRevalidating(file, cached: nil) else {
            Issue.record("a file has no ETag to revalidate with")
            return
        }
        #expect(cached.body == response.body)
    }

    @Test func aMissingFileIsNotFound() throws {
        let folder = try TemporaryDirectory("perf-http")
        let url = folder.path("index/acme/missing")
        let error = try #require(throws: HTTPError.self) { try HTTPClient(configuration: .fast()).get(url) }
        #expect(error.exitStatus == .notFound)
        #expect(error.description.contains(url.absoluteString))
    }

    @Test func downloadCopiesAndVerifiesAFile() throws {
        let folder = try TemporaryDirectory("perf-http")
        let blob = BlobPattern.bytes(70_000)
        let source = try folder.write("registry/blobs/x", blob)
        // A stale partial cannot be resumed from a file: the download starts over.
        let destination = folder.path("cache/x")
        try FileManager.default.createDirectory(at: folder.path("cache"), withIntermediateDirectories: true)
        try Data(repeating: 1, count: 10).write(to: HTTPClient.partialLocation(for: destination))
        try HTTPClient(configuration: .fast()).download(source, to: destination, expectedSize: blob.count,
                                                        verify: ContentCheck.matching(blob))
        #expect(try Data(contentsOf: destination) == blob)
        #expect(try folder.listFiles() == ["cache/x", "registry/blobs/x"])
    }

    @Test func anEmptyFileDownloadsAsAnEmptyFile() throws {
        let folder = try TemporaryDirectory("perf-http")
        let source = try folder.write("empty", Data())
        try HTTPClient(configuration: .fast()).download(source, to: folder.path("copy"), expectedSize: 0) { _ in }
        #expect(try Data(contentsOf: folder.path("copy")).isEmpty)
    }

    @Test func aDestinationThatCannotBeWrittenIsAnIOError() throws {
        let folder = try TemporaryDirectory("perf-http")
        let source = try folder.write("blob", Data("x".utf8))
        try folder.write("cache", "a file where a folder should be")
        let error = try #require(throws: HTTPError.self) {
            try HTTPClient(configuration: .fast()).download(source, to: folder.path("cache/blob"), expectedSize: 1) { _ in }
        }
        #expect(error.exitStatus == .ioError)
        #expect(error.description.contains(folder.path("cache").path))
    }
}
