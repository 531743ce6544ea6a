import Foundation
import PerfBundle
import PerfTestSupport
import Testing

/// The HTTP registry end to end with the real programs: `perf registry serve` on loopback,
/// `perf publish`/`perf yank` over its API, and `perf install` from it into a fresh PERF_HOME
/// (issue 3's "done when").
@Suite struct HTTPPublishTests {
    /// A registry served with write tokens: `alice-token` writes scopes alice and perf, `bob-token` only bob.
    final class LiveRegistry {
        let w: CompositionCommandTests.Workspace
        let server: ServeProcess

        init(maxUpload: Int = 65_536) throws {
            w = try CompositionCommandTests.Workspace()
            try w.perf(["keys", "generate", "alice"], in: w.dir.url)
            try w.perf(["registry", "init", w.registry.path], in: w.dir.url)
            func hashed(_ token: String) -> String {
                "sha256:" + ContentDigest.sha256Hex(Data(token.utf8))
            }
            let tokens = #"{"schema": 1, "tokens": {"\#(hashed("alice-token"))": ["alice", "perf"], "\#(hashed("bob-token"))": ["bob"]}}"#
            let tokensFile = w.dir.path("tokens.json")
            try Data(tokens.utf8).write(to: tokensFile)
            server = try ServeProcess(root: w.registry, arguments: ["--tokens", tokensFile.path, "--max-upload", "\(maxUpload)"],
                                      scratch: w.dir)
        }

        var url: String { server.url() }

        /// Packs and signs `source` with `key` into `file`; returns the bundle's path.
        func bundle(_ source: URL, as file: String, key: String = "alice") throws -> String {
            let bundle = w.dir.path(file).path
            try w.perf(["pack", source.path, "-o", bundle], in: w.dir.url)
            try w.perf(["sign", bundle, "--key", key], in: w.dir.url)
            return bundle
        }

        /// `perf publish BUNDLE --registry URL` with `token` in PERF_TOKEN.
        func publish(_ bundle: String, token: String?, key: String? = nil) throws -> ProcessResult {
            try ProcessRunner.perf(["publish", bundle, "--registry", url] + (key.map { ["--key", $0] } ?? []), home: w.home,
                                   environment: token.map { ["PERF_TOKEN": $0] } ?? ["PERF_TOKEN": ""], currentDirectory: w.dir.url)
        }
    }

    @Test func publishOverHTTPThenInstallFromHTTPIntoAFreshHome() throws {
        let r = try LiveRegistry()
        defer { r.server.stop() }
        // The token comes from `perf login` (standard input) for the base, from PERF_TOKEN for the concept.
        let login = try ProcessRunner.perf(["login", "--registry", r.url], home: r.w.home, input: Data("alice-token\n".utf8))
        #expect(login.status == 0, "\(login.stderr)")
        let credentials = r.w.home.appendingPathComponent("credentials.json")
        let mode = try FileManager.default.attributesOfItem(atPath: credentials.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let base = try r.publish(try r.bundle(try r.w.base(), as: "shapes.perf"), token: nil)
        #expect(base.status == 0, "\(base.stderr)")
        #expect(base.stdout.contains("Published perf/shapes@1.0.0 to \(r.url)"), "\(base.stdout)")
        let concept = try r.bundle(try r.w.concept("alice/bullseye", "1.0.0"), as: "bullseye.perf")
        let published = try r.publish(concept, token: "alice-token")
        #expect(published.status == 0, "\(published.stderr)")

        // Install from the server into a PERF_HOME that has never seen the registry.
        let freshHome = r.w.dir.path("fresh-home")
        try r.w.perf(["init"], home: freshHome)
        try r.w.perf(["add", "alice/bullseye@^1", "--registry", r.url], home: freshHome)
        try r.w.perf(["install", "--registry", r.url], home: freshHome)
        let installed = freshHome.appendingPathComponent("packages/alice/bullseye/1.0.0/concept.safetensors")
        #expect(try Data(contentsOf: installed)
                == Data(contentsOf: RepositoryPaths.root.appendingPathComponent("Examples/demo-concept/concept.safetensors")))
        let lock = try String(contentsOf: r.w.project.appendingPathComponent("perf.lock"), encoding: .utf8)
        #expect(lock.contains("\"registry\" : \"\(r.url)\""), "\(lock)")

        // A yank over HTTP is in the index the server serves; the lock keeps the version.
        let yank = try ProcessRunner.perf(["yank", "alice/bullseye@1.0.0", "--key", "alice", "--registry", r.url], home: r.w.home,
                                          environment: ["PERF_TOKEN": "alice-token"])
        #expect(yank.status == 0 && yank.stdout.contains("Yanked alice/bullseye@1.0.0"), "\(yank.stderr)")
        let info = try r.w.perf(["info", "alice/bullseye", "--registry", r.url], home: freshHome)
        #expect(info.stdout.contains("1.0.0  (yanked)"), "\(info.stdout)")
        let search = try r.w.perf(["search", "bullseye", "--registry", r.url], home: freshHome, expect: 78)
        #expect(search.stderr.contains("perf search needs the registry's folder"), "\(search.stderr)")
    }

    @Test func wrongTokenWrongKeyRepublishAndOversizeAreRefusedAndPublishNothing() throws {
        let r = try LiveRegistry(maxUpload: 16_384)
        defer { r.server.stop() }
        let base = try r.bundle(try r.w.base(), as: "shapes.perf")

        let noToken = try r.publish(base, token: nil)
        #expect(noToken.status == 78 && noToken.stderr.contains("needs its bearer token"), "\(noToken.stderr)")
        let wrongToken = try r.publish(base, token: "guessed")
        #expect(wrongToken.status == 77 && wrongToken.stderr.contains("HTTP 401") && wrongToken.stderr.contains("invalid-token"),
                "\(wrongToken.stderr)")
        let otherScope = try r.publish(base, token: "bob-token")
        #expect(otherScope.status == 77 && otherScope.stderr.contains("insufficient-scope"), "\(otherScope.stderr)")

        #expect(try r.publish(base, token: "alice-token").status == 0)
        let republished = try r.publish(base, token: "alice-token")
        #expect(republished.status == 73 && republished.stderr.contains("version-exists"), "\(republished.stderr)")

        // Alice's first publish pins her key for the scope; Mallory holds her token but not her key.
        #expect(try r.publish(try r.bundle(try r.w.concept("alice/bullseye", "1.0.0"), as: "bullseye.perf"), token: "alice-token").status == 0)
        let logBefore = try String(contentsOf: r.w.registry.appendingPathComponent("log/entries"), encoding: .utf8)
        try r.w.perf(["keys", "generate", "mallory"], in: r.w.dir.url)
        let forged = try r.bundle(try r.w.concept("alice/bullseye", "1.1.0"), as: "forged.perf", key: "mallory")
        let wrongKey = try r.publish(forged, token: "alice-token", key: "mallory")
        #expect(wrongKey.status == 77 && wrongKey.stderr.contains("verification-failed"), "\(wrongKey.stderr)")

        // A bundle over the server's cap (16 KiB here) is refused before it is read.
        let big = try r.w.concept("alice/bullseye", "2.0.0")
        var noise = SeededRandomNumberGenerator(seed: 7)
        try Data((0..<40_000).map { _ in UInt8.random(in: 32...126, using: &noise) }).write(to: big.appendingPathComponent("README.md"))
        let oversized = try r.publish(try r.bundle(big, as: "big.perf"), token: "alice-token")
        #expect(oversized.status == 65 && oversized.stderr.contains("HTTP 413"), "\(oversized.stderr)")

        // Only the good publishes reached the registry and its log.
        for (name, count) in [("perf/shapes", 1), ("alice/bullseye", 1)] {
            let index = try String(contentsOf: r.w.registry.appendingPathComponent("index/\(name)"), encoding: .utf8)
            #expect(index.split(separator: "\n").count == count, "\(name): \(index)")
        }
        let logAfter = try String(contentsOf: r.w.registry.appendingPathComponent("log/entries"), encoding: .utf8)
        #expect(logAfter == logBefore)
    }
}
