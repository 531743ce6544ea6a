import Foundation
import PerfBundle
import PerfTestSupport
import Testing

/// Stock tools read what perf writes, and perf reads what they write.
@Suite struct InteropTests {
    private func packedFixture(_ directory: TemporaryDirectory) throws -> PackedBundle {
        let folder = try BundleFixtures.writeFolder("bundle", in: directory)
        return try BundleArchive.pack(directory: folder, to: directory.path("bundle.perf"))
    }

    /// `bsdtar -tvf`: `-rw-r--r--  0 0  0  SIZE Jan  1  1980 NAME`, in bundle order.
    @Test func bsdtarListsNamesModesOwnersAndTimes() throws {
        let directory = try TemporaryDirectory()
        let packed = try packedFixture(directory)
        let listing = try BundleFixtures.run("bsdtar", ["-tvf", packed.url.path], environment: ["TZ": "UTC"])
        let rows = listing.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.map { $0[8...].joined(separator: " ") } == BundleFixtures.sortedPaths)
        for row in rows {
            #expect(row[0] == "-rw-r--r--")
            #expect(row[2] == "0" && row[3] == "0", "uid and gid")
            #expect(row[5...7] == ["Jan", "1", "1980"])
            let expected = BundleFixtures.expectedContents[row[8...].joined(separator: " ")]
            #expect(Int(row[4]) == expected?.count)
        }
    }

    @Test func gnuTarListsNamesModesOwnersAndTimes() throws {
        guard ProcessRunner.which("tar") != nil else { return }  // GNU tar is optional here
        let version = try BundleFixtures.run("tar", ["--version"])
        guard version.contains("GNU tar") else { return }
        let directory = try TemporaryDirectory()
        let packed = try packedFixture(directory)
        let listing = try BundleFixtures.run("tar", ["--utc", "--numeric-owner", "-tvf", packed.url.path])
        let rows = listing.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.map { $0[5...].joined(separator: " ") } == BundleFixtures.sortedPaths)
        for row in rows {
            #expect(row[0] == "-rw-r--r--" && row[1] == "0/0")
            #expect(row[3] == "1980-01-01" && row[4] == "00:00")
        }
    }

    /// Python's tarfile sees every header field: type, mode, owner, names, mtime, and pax
    /// records only where a name needs one.
    @Test func pythonTarfileSeesFixedMetadata() throws {
        let directory = try TemporaryDirectory()
        let packed = try packedFixture(directory)
        let report = try BundleFixtures.python("""
            import json, sys, tarfile
            with tarfile.open(sys.argv[1]) as t:
                for m in t.getmembers():
                    print(json.dumps([m.name, m.type.decode(), oct(m.mode), m.uid, m.gid, m.uname, m.gname,
                                      m.mtime, m.size, sorted(m.pax_headers)]))
            """, [packed.url.path])
        let rows = try report.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Any])
        }
        #expect(rows.map { $0[0] as? String } == BundleFixtures.sortedPaths)
        for row in rows {
            let name = try #require(row[0] as? String)
            #expect(row[1] as? String == "0", "regular file")
            #expect(row[2] as? String == "0o644")
            #expect(row[3] as? Int == 0 && row[4] as? Int == 0)
            #expect(row[5] as? String == "" && row[6] as? String == "")
            #expect(row[7] as? Int == 315_532_800)
            #expect(row[8] as? Int == BundleFixtures.expectedContents[name]?.count)
            #expect(row[9] as? [String] == (name.utf8.count > 255 ? ["path"] : []), "\(name)")
        }
    }

    @Test func bsdtarExtractsTheSameFiles() throws {
        let directory = try TemporaryDirectory()
        let packed = try packedFixture(directory)
        let out = directory.path("bsdtar-out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        try BundleFixtures.run("bsdtar", ["-xf", packed.url.path, "-C", out.path])
        #expect(try BundleFixtures.contents(of: out) == BundleFixtures.expectedContents)
        let attributes = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("perf.json").path)
        #expect((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 == 315_532_800)
    }

    /// Archives made by stock tools from a bundle folder (folder entries, `./` prefixes)
    /// read back as the same files.
    @Test(arguments: ["bsdtar", "tar"])
    func readsArchivesMadeByStockTools(tool: String) throws {
        guard ProcessRunner.which(tool) != nil else { return }
        let directory = try TemporaryDirectory()
        let folder = try BundleFixtures.writeFolder("bundle", in: directory)
        let archive = directory.path("stock.tar")
        try BundleFixtures.run(tool, ["-cf", archive.path, "-C", folder.path, "."])
        let data = try Data(contentsOf: archive)
        let listing = try BundleFixtures.run(tool, ["-tf", archive.path])
        #expect(listing.contains("./x/z/"), "the stock archive has folder entries")
        let entries = try BundleArchive.entries(of: data, source: archive.path, limits: .concept)
        #expect(entries.map(\.path) == BundleFixtures.sortedPaths)
        #expect(Dictionary(uniqueKeysWithValues: entries.map { ($0.path, $0.contents) }) == BundleFixtures.expectedContents)
    }
}
