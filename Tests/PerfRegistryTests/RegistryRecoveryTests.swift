import Foundation
import PerfDiagnostics
import PerfManifest
import PerfRegistry
import PerfTestSupport
import Testing

@Suite("Rolling forward and cleaning up after killed writers")
struct RegistryRecoveryTests {
    /// The test's folder, alive as long as the test.
    private let scratch: TemporaryDirectory
    /// An empty registry in it.
    private let registry: FileRegistry

    init() throws {
        scratch = try TemporaryDirectory("perf-registry")
        registry = try RegistryFixtures.registry(in: scratch)
    }

    @Test("an intent record naming a file outside the index and keys folders is refused, and nothing is written")
    func hostilePendingRefused() throws {
        let alice = Publisher(in: scratch)
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        let log = try Data(contentsOf: registry.root.appendingPathComponent("log/entries"))
        let checkpoint = try String(contentsOf: registry.root.appendingPathComponent("log/checkpoint"), encoding: .utf8)
            .trimmingCharacters(in: .newlines)
        for path in ["../escape", "index/alice/../../../escape", "config.json", "log/entries", "index/.hidden/x", "keys/a/b.json"] {
            let pending = """
                {"schema":2,"op":"publish","package":"alice/teddy","version":"9.0.0","sha256":"\(String(repeating: "0", count: 64))",\
                "writes":[{"path":"\(path)","contents":"owned\\n"}],"log_offset":\(log.count),"log_append":"",\
                "checkpoint":\(checkpoint)}
                """
            try Data(pending.utf8).write(to: registry.root.appendingPathComponent("log/pending"))
            let before = try RegistryFixtures.snapshot(registry.root)
            let error = #expect(throws: RegistryError.self, "a pending write to \(path)") {
                try alice.publish("alice/teddy", "2.0.0", to: registry)
            }
            #expect(error?.exitStatus == .dataError, "a pending write to \(path)")
            #expect(error?.description.contains("which no registry write replaces") == true, "\(String(describing: error))")
            #expect(throws: RegistryError.self) { try registry.verifyConsistency() }
            #expect(try RegistryFixtures.snapshot(registry.root) == before, "a pending write to \(path)")
            #expect(!FileManager.default.fileExists(atPath: scratch.path("escape").path))
        }
        try FileManager.default.removeItem(at: registry.root.appendingPathComponent("log/pending"))
        try alice.publish("alice/teddy", "2.0.0", to: registry)
    }

    @Test("temporary files a killed writer left are reported, invisible to readers, and removed by recover()")
    func leftoverTemporaries() throws {
        let alice = Publisher(in: scratch)
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        let leftovers = ["blobs/sha256/.tmp-abc-1-2", "index/alice/.tmp-teddy-1-2", "log/.tmp-pending-1-2"]
        for path in leftovers { try Data("partial".utf8).write(to: registry.root.appendingPathComponent(path)) }
        let reported = try registry.verifyConsistency().temporaryFiles
        #expect(reported.sorted() == leftovers.sorted())
        #expect(try registry.search("").map(\.name.description) == ["alice/teddy"])
        #expect(try registry.recover() == false)
        #expect(try registry.verifyConsistency().temporaryFiles.isEmpty)
    }
}
