import Foundation
import PerfBundle
import PerfDiagnostics
import PerfTestSupport
import Testing

/// Packing refuses, naming the path, whatever a bundle cannot hold, and drops nothing
/// silently except the documented `.git` and `.DS_Store`.
@Suite struct PackingTests {
    private func folder(_ directory: TemporaryDirectory) throws -> URL {
        try BundleFixtures.writeFolder("bundle", in: directory, order: [("perf.json", Data("{}".utf8))])
    }

    private func refusal(_ folder: URL) throws -> BundleError {
        try #require(throws: BundleError.self) { try BundleArchive.pack(directory: folder) }
    }

    @Test func hiddenFilesAreKeptAndGitIsIgnored() throws {
        let directory = try TemporaryDirectory()
        let folder = try folder(directory)
        try directory.write("bundle/.hidden", "kept")
        try directory.write("bundle/.git/config", "ignored")
        try directory.write("bundle/sub/.DS_Store", "ignored")
        let entries = try BundleArchive.entries(of: try BundleArchive.pack(directory: folder), source: "b", limits: .concept)
        #expect(entries.map(\.path) == [".hidden", "perf.json"])
    }

    @Test func symbolicLinksAreRefused() throws {
        let directory = try TemporaryDirectory()
        let folder = try folder(directory)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("weights").path,
                                                   withDestinationPath: "/etc/passwd")
        let error = try refusal(folder)
        #expect(error.exitStatus == .dataError)
        #expect(error.description.contains("weights") && error.description.contains("symbolic link"), "\(error)")
    }

    @Test func fifosAreRefused() throws {
        let directory = try TemporaryDirectory()
        let folder = try folder(directory)
        try BundleFixtures.run("mkfifo", [folder.appendingPathComponent("pipe").path])
        let error = try refusal(folder)
        #expect(error.description.contains("pipe") && error.description.contains("FIFO"), "\(error)")
    }

    @Test func manifestIsRequiredAtTheTop() throws {
        let directory = try TemporaryDirectory()
        try directory.write("bundle/sub/perf.json", "{}")
        let error = try refusal(directory.path("bundle"))
        #expect(error.description.contains("perf.json"), "\(error)")
    }

    @Test func missingFolderIsNotFound() throws {
        let directory = try TemporaryDirectory()
        #expect(try refusal(directory.path("nothing")).exitStatus == .notFound)
    }

    @Test(arguments: [("back\\slash.txt", "backslash"), ("caf\u{E9}.txt", "non-ASCII"), ("tab\there", "control character"),
                      (Array(repeating: String(repeating: "n", count: 250), count: 5).joined(separator: "/"), "longer than 1024")])
    func namesAReaderWouldRefuseAreRefused(name: String, says: String) throws {
        let directory = try TemporaryDirectory()
        let folder = try folder(directory)
        try directory.write("bundle/\(name)", "x")
        let error = try refusal(folder)
        #expect(error.description.contains(says), "\(error)")
    }

    @Test func namesDifferingOnlyInCaseAreRefused() throws {
        let directory = try TemporaryDirectory()
        let folder = try folder(directory)
        try directory.write("bundle/README.md", "a")
        try directory.write("bundle/readme.md", "b")
        let error = try refusal(folder)
        #expect(error.description.contains("case-insensitive"), "\(error)")
    }

    @Test func outputInsideThePackedFolderIsRefused() throws {
        let directory = try TemporaryDirectory()
        let folder = try folder(directory)
        let error = try #require(throws: BundleError.self) {
            try BundleArchive.pack(directory: folder, to: folder.appendingPathComponent("out/b.perf"))
        }
        #expect(error.exitStatus == .usage)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["perf.json"])
    }
}
