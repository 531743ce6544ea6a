import Foundation
import PerfBundle
import PerfTestSupport
import Testing

/// The same content gives the same archive bytes, whatever the files' times, modes, umask
/// and creation order.
@Suite struct DeterminismTests {
    /// Folder `a` written by this process in fixture order with modes changed afterwards;
    /// folder `b` copied by a child process under umask 077, in reverse order, with old and
    /// differing mtimes, plus the ignored `.git` and `.DS_Store`.
    private func twoFolders(in directory: TemporaryDirectory) throws -> (URL, URL) {
        let a = try BundleFixtures.writeFolder("a", in: directory)
        let files = FileManager.default
        try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: a.appendingPathComponent("concept.safetensors").path)
        try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: a.appendingPathComponent("README.md").path)
        let b = directory.path("b")
        try BundleFixtures.python("""
            import os, shutil, sys
            source, target, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
            os.umask(0o077)
            for i, path in enumerate(reversed(paths)):
                os.makedirs(os.path.dirname(os.path.join(target, path)), exist_ok=True)
                shutil.copyfile(os.path.join(source, path), os.path.join(target, path))
                os.utime(os.path.join(target, path), (1e9 + i * 86400, 1e9 + i * 86400))
            for ignored in (".git/HEAD", ".DS_Store", "x/.DS_Store"):
                os.makedirs(os.path.dirname(os.path.join(target, ignored)), exist_ok=True)
                open(os.path.join(target, ignored), "w").write("ignored")
            """, [a.path, b.path] + BundleFixtures.files.map(\.path))
        return (a, b)
    }

    @Test func sameContentPacksToTheSameBytes() throws {
        let directory = try TemporaryDirectory()
        let (a, b) = try twoFolders(in: directory)
        let files = FileManager.default
        let modeA = try files.attributesOfItem(atPath: a.appendingPathComponent("concept.safetensors").path)[.posixPermissions] as? Int
        let modeB = try files.attributesOfItem(atPath: b.appendingPathComponent("concept.safetensors").path)[.posixPermissions] as? Int
        let timeA = try files.attributesOfItem(atPath: a.appendingPathComponent("perf.json").path)[.modificationDate] as? Date
        let timeB = try files.attributesOfItem(atPath: b.appendingPathComponent("perf.json").path)[.modificationDate] as? Date
        #expect(modeA == 0o755 && modeB == 0o600, "the two folders' modes must differ for this test to mean anything")
        #expect(timeA != timeB)

        let first = try BundleArchive.pack(directory: a)
        let second = try BundleArchive.pack(directory: b)
        #expect(first == second)
        #expect(ContentDigest.sha256Hex(first) == ContentDigest.sha256Hex(second))
    }

    @Test func packedFileReportsItsRealDigestAndSize() throws {
        let directory = try TemporaryDirectory()
        let (a, b) = try twoFolders(in: directory)
        let out = directory.path("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        let packedA = try BundleArchive.pack(directory: a, to: out.appendingPathComponent("a.perf"))
        let packedB = try BundleArchive.pack(directory: b, to: out.appendingPathComponent("b.perf"))
        #expect(packedA.sha256 == packedB.sha256)
        let bytes = try Data(contentsOf: packedA.url)
        #expect(bytes == (try BundleArchive.pack(directory: a)))
        #expect(packedA.size == bytes.count)
        let sha256sum = try BundleFixtures.run("sha256sum", [packedA.url.path])
        #expect(sha256sum.split(separator: " ").first.map(String.init) == packedA.sha256)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["a.perf", "b.perf"])
    }

    /// Pinned so that a change of the archive's bytes (a libarchive upgrade, another
    /// platform, a change here) is caught: every published digest depends on them.
    @Test func fixtureDigestIsPinned() throws {
        let directory = try TemporaryDirectory()
        let folder = try BundleFixtures.writeFolder("bundle", in: directory)
        let archive = try BundleArchive.pack(directory: folder)
        #expect(ContentDigest.sha256Hex(archive) == "48e240c1ce952510015fbfbb0f95d76165055a6f6398f0689e6629cd02526a90")
    }

    @Test func archiveIsUnpaddedAndEndsWithTwoZeroBlocks() throws {
        let directory = try TemporaryDirectory()
        let folder = try BundleFixtures.writeFolder("bundle", in: directory, order: [("perf.json", Data("{}".utf8))])
        let archive = try BundleArchive.pack(directory: folder)
        // One header block, one data block, the two end blocks: no padding to a 10 KiB record.
        #expect(archive.count == 4 * 512)
        #expect(archive.suffix(1024).allSatisfy { $0 == 0 })
    }

    @Test func packingReplacesAnOlderFileAtomically() throws {
        let directory = try TemporaryDirectory()
        let folder = try BundleFixtures.writeFolder("bundle", in: directory)
        let output = try directory.write("out/bundle.perf", "an older bundle")
        let packed = try BundleArchive.pack(directory: folder, to: output)
        #expect(try Data(contentsOf: output) == (try BundleArchive.pack(directory: folder)))
        #expect(packed.url.standardizedFileURL == output.standardizedFileURL)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("out").path) == ["bundle.perf"])
    }
}
