import Foundation
import PerfBundle
import PerfTestSupport
import Testing

/// Digests agree with coreutils' `sha256sum`.
@Suite struct ContentDigestTests {
    @Test func fileAndDataDigestsMatchSha256sum() throws {
        let directory = try TemporaryDirectory()
        // Over 1 MiB, so the streaming digest crosses chunk boundaries.
        let data = Data((0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) })
        let file = try directory.write("weights.bin", data)
        let expected = try BundleFixtures.run("sha256sum", [file.path]).prefix(64)
        #expect(try ContentDigest.sha256Hex(file: file) == String(expected))
        #expect(ContentDigest.sha256Hex(data) == String(expected))
    }

    @Test func missingFileIsAnIOError() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: BundleError.self) { try ContentDigest.sha256Hex(file: directory.path("none")) }
        #expect(error.exitStatus == .ioError && error.description.contains("none"))
    }

    /// `sha256sum` over the files in bytewise path order, its output hashed by `sha256sum`.
    @Test func treeDigestMatchesSha256sumOfSha256sum() throws {
        let directory = try TemporaryDirectory()
        let folder = try BundleFixtures.writeFolder("model", in: directory)
        let lines = try BundleFixtures.run("sha256sum", BundleFixtures.sortedPaths, in: folder)
        let expected = try ProcessRunner.run(tool: "sha256sum", [], input: Data(lines.utf8))
        let files = try BundleFixtures.files.reversed().map { file in
            (path: file.path, sha256Hex: try ContentDigest.sha256Hex(file: folder.appendingPathComponent(file.path)))
        }
        #expect(ContentDigest.tree(files) == String(expected.stdout.prefix(64)))
        #expect(ContentDigest.tree(files) != ContentDigest.tree(Array(files.dropLast())))
    }
}
