import Foundation
import PerfDiagnostics
import PerfManifest
import PerfRegistry
import PerfSigning
import PerfTestSupport
import Testing

@Suite("Yanking versions in a file registry")
struct FileRegistryYankTests {
    /// The test's folder, alive as long as the test.
    private let scratch: TemporaryDirectory
    /// An empty registry in it.
    private let registry: FileRegistry

    init() throws {
        scratch = try TemporaryDirectory("perf-registry")
        registry = try RegistryFixtures.registry(in: scratch)
    }

    @Test("yank and unyank flip only that version's flag, log each change, and steer info and search")
    func yankUnyank() throws {
                let alice = Publisher(in: scratch)
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        try alice.publish("alice/teddy", "1.1.0", to: registry)
        let teddy = try PackageName(parsing: "alice/teddy")
        let indexURL = registry.root.appendingPathComponent("index/alice/teddy")
        let before = try String(contentsOf: indexURL, encoding: .utf8).split(separator: "\n")

        let yanked = try registry.setYanked(teddy, SemanticVersion(parsing: "1.1.0"), yanked: true,
                                            statement: alice.yankStatement("alice/teddy", "1.1.0", yanked: true))
        #expect(yanked.yanked)
        let after = try String(contentsOf: indexURL, encoding: .utf8).split(separator: "\n")
        #expect(after[0] == before[0])
        #expect(after[1] == before[1].replacingOccurrences(of: "\"yanked\":false", with: "\"yanked\":true")[...])
        #expect(try registry.info(teddy).version.description == "1.0.0")
        #expect(try registry.search("teddy").map(\.version.description) == ["1.0.0"])
        #expect(try registry.archive(for: yanked).count == yanked.size)  // still downloadable for lockfiles
        #expect(try registry.verifyConsistency().logEntries == 4)

        let restored = try registry.setYanked(teddy, SemanticVersion(parsing: "1.1.0"), yanked: false,
                                              statement: alice.yankStatement("alice/teddy", "1.1.0", yanked: false))
        #expect(!restored.yanked)
        #expect(try String(contentsOf: indexURL, encoding: .utf8).split(separator: "\n") == before)
        #expect(try registry.info(teddy).version.description == "1.1.0")
        let log = try String(contentsOf: registry.root.appendingPathComponent("log/entries"), encoding: .utf8)
        #expect(log.contains("\"op\":\"yank\"") && log.contains("\"op\":\"unyank\""))
        #expect(try registry.verifyConsistency().logEntries == 5)

        // Yanking every version leaves info pointing at the newest, marked yanked.
        for version in ["1.0.0", "1.1.0"] {
            try registry.setYanked(teddy, SemanticVersion(parsing: version), yanked: true,
                                   statement: alice.yankStatement("alice/teddy", version, yanked: true))
        }
        #expect(try registry.info(teddy).yanked)
        #expect(try registry.search("teddy").map(\.version.description) == ["1.1.0"])
    }

    @Test("a yank statement is a plain minisign signature of its text, which the stock minisign verifies")
    func statementVerifiesWithMinisign() throws {
        let alice = Publisher(in: scratch)
        let statement = try alice.yankStatement("alice/teddy", "1.0.0", yanked: true)
        #expect(statement.trustedComment == "perf-yank:1 name=alice/teddy version=1.0.0 yanked=true")
        let message = try alice.write("statement", Data(statement.trustedComment.utf8))
        try alice.write("statement.minisig", Data(statement.text.utf8))
        let key = try alice.write("alice.pub", Data(alice.publicKey.minisignFile.utf8))
        let result = try ProcessRunner.run(tool: "minisign", ["-V", "-p", key.path, "-m", message.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(statement.trustedComment))
    }

    @Test("yank statements by a stranger, for another version or the opposite action are refused with nothing written")
    func badStatementsRefused() throws {
                let alice = Publisher(in: scratch), mallory = Publisher(in: scratch)
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        let teddy = try PackageName(parsing: "alice/teddy")
        let version = try SemanticVersion(parsing: "1.0.0")
        let before = try RegistryFixtures.snapshot(registry.root)
        let statements: [(String, Minisig)] = [
            ("by a stranger", try mallory.yankStatement("alice/teddy", "1.0.0", yanked: true)),
            ("for another version", try alice.yankStatement("alice/teddy", "1.0.1", yanked: true)),
            ("for another package", try alice.yankStatement("alice/bear", "1.0.0", yanked: true)),
            ("for an unyank", try alice.yankStatement("alice/teddy", "1.0.0", yanked: false)),
            ("that is a package signature", try alice.sign(try alice.archive("alice/teddy", "1.0.0"), "alice/teddy", "1.0.0")),
        ]
        for (what, statement) in statements {
            let error = #expect(throws: RegistryError.self, "a statement \(what)") {
                try registry.setYanked(teddy, version, yanked: true, statement: statement)
            }
            #expect(error?.exitStatus == .verificationFailed, "a statement \(what)")
        }
        let missing = #expect(throws: RegistryError.self) {
            try registry.setYanked(teddy, SemanticVersion(parsing: "9.0.0"), yanked: true,
                                   statement: alice.yankStatement("alice/teddy", "9.0.0", yanked: true))
        }
        #expect(missing?.exitStatus == .notFound)
        #expect(try RegistryFixtures.snapshot(registry.root) == before)
    }
}
