import Foundation
import PerfBundle
import PerfDiagnostics
import PerfTestSupport
import Testing

/// Every hostile archive is refused with a `BundleError` that names it and says why, by
/// every reading entry point, and extraction leaves the file system exactly as it was.
@Suite struct HostileArchiveTests {
    @Test(arguments: HostileArchive.all)
    func refusedAndNothingWritten(_ hostile: HostileArchive) throws {
        let directory = try TemporaryDirectory()
        let scratch = directory.path("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: false)
        let archive = try hostile.build(out: directory.path("hostile.tar"), scratch: scratch)
        let source = "incoming.perf"  // not the case's name, which could satisfy `says` by itself

        // The destination's parent holds an unrelated file; after the refusal it must hold
        // exactly what it held before, and its own parent too.
        try directory.write("home/parent/keep.txt", "keep")
        let home = directory.path("home")
        let destination = home.appendingPathComponent("parent/bundle")
        let before = try BundleFixtures.tree(home)

        let error = try #require(throws: BundleError.self) {
            try BundleArchive.extract(archive, source: source, to: destination, limits: hostile.limits)
        }
        #expect(error.exitStatus == .dataError)
        #expect(error.description.contains(source), "\(error)")
        #expect(error.description.contains(hostile.says), "\(error)")
        #expect(try BundleFixtures.tree(home) == before)

        #expect(throws: BundleError.self) { try BundleArchive.entries(of: archive, source: source, limits: hostile.limits) }
        #expect(throws: BundleError.self) {
            try BundleArchive.file("perf.json", in: archive, source: source, limits: hostile.limits)
        }
    }

    /// A hostile entry's name is shown with control characters escaped, so that printing
    /// the error cannot drive the user's terminal.
    @Test func controlCharactersInNamesAreEscaped() throws {
        let hostile = try #require(HostileArchive.all.first { $0.name == "control character" })
        let directory = try TemporaryDirectory()
        let archive = try hostile.build(out: directory.path("hostile.tar"), scratch: directory.url)
        let error = try #require(throws: BundleError.self) {
            try BundleArchive.entries(of: archive, source: "x.perf", limits: .concept)
        }
        #expect(!error.description.unicodeScalars.contains("\u{1B}"))
        #expect(error.description.contains(#"evil\u{1b}[2J"#))
    }

    /// A GNU sparse file (a file with holes, as `tar --sparse` writes it) is refused.
    @Test func sparseFilesAreRefused() throws {
        guard let version = try? BundleFixtures.run("tar", ["--version"]), version.contains("GNU tar") else { return }
        let directory = try TemporaryDirectory()
        let folder = try BundleFixtures.writeFolder("bundle", in: directory, order: [("perf.json", Data("{}".utf8))])
        try BundleFixtures.run("truncate", ["-s", "1M", folder.appendingPathComponent("holes.bin").path])
        let archive = directory.path("sparse.tar")
        try BundleFixtures.run("tar", ["--sparse", "-cf", archive.path, "-C", folder.path, "perf.json", "holes.bin"])
        let error = try #require(throws: BundleError.self) {
            try BundleArchive.entries(of: try Data(contentsOf: archive), source: "sparse.tar", limits: .concept)
        }
        #expect(error.description.contains("sparse"), "\(error)")
    }
}
