import Foundation
import PerfTestSupport
import Testing

/// End to end through the built `perf`: keys → pack → sign → verify → publish → search → info → yank,
/// and the refusals a user meets on the way.
@Suite struct PackageWorkflowTests {
    /// A private PERF_HOME, a registry and a scratch folder.
    final class Workspace {
        let dir: TemporaryDirectory
        var home: URL { dir.path("home") }
        var registry: URL { dir.path("registry") }

        init() throws { dir = try TemporaryDirectory("perf-cli") }

        @discardableResult
        func perf(_ arguments: [String], expect status: Int32 = 0,
                  sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessResult {
            let result = try ProcessRunner.perf(arguments, home: home, currentDirectory: dir.url)
            #expect(result.status == status, "perf \(arguments.joined(separator: " ")): \(result.stderr)",
                    sourceLocation: sourceLocation)
            return result
        }

        /// A copy of Examples/demo-concept renamed to `name` at `version`.
        func concept(_ name: String, _ version: String) throws -> URL {
            let folder = dir.path("src/\(name.replacingOccurrences(of: "/", with: "-"))-\(version)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let example = RepositoryPaths.root.appendingPathComponent("Examples/demo-concept")
            try FileManager.default.copyItem(at: example.appendingPathComponent("concept.safetensors"),
                                             to: folder.appendingPathComponent("concept.safetensors"))
            let data = try Data(contentsOf: example.appendingPathComponent("perf.json"))
            var manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            manifest["name"] = name
            manifest["version"] = version
            try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
                .write(to: folder.appendingPathComponent("perf.json"))
            return folder
        }

        /// Packs and signs a concept; returns the bundle's path.
        func signedBundle(_ name: String, _ version: String, key: String = "alice") throws -> String {
            let out = dir.path("\(name.replacingOccurrences(of: "/", with: "-"))-\(version).perf").path
            try perf(["pack", try concept(name, version).path, "-o", out])
            try perf(["sign", out, "--key", key])
            return out
        }
    }

    @Test func publishAndReadBack() throws {
        let w = try Workspace()
        try w.perf(["keys", "generate", "alice"])
        try w.perf(["registry", "init", w.registry.path])
        let bundle = try w.signedBundle("alice/bullseye", "1.0.0")
        let verified = try w.perf(["verify", bundle, "--json"])
        #expect(verified.stdout.contains("\"name\" : \"alice/bullseye\""))
        try w.perf(["publish", bundle, "--registry", w.registry.path])
        try w.perf(["publish", try w.signedBundle("alice/bullseye", "1.1.0"), "--registry", w.registry.path])

        let info = try w.perf(["info", "alice/bullseye", "--registry", w.registry.path, "--json"])
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [[String: Any]])
        #expect(lines.compactMap { $0["version"] as? String } == ["1.0.0", "1.1.0"])
        let sha = try ProcessRunner.run(tool: "sha256sum", [bundle]).stdout.prefix(64)
        #expect(lines.first?["sha256"] as? String == String(sha))

        let search = try w.perf(["search", "bullseye", "--registry", w.registry.path])
        #expect(search.stdout.contains("alice/bullseye@1.1.0"))

        try w.perf(["yank", "alice/bullseye@1.1.0", "--registry", w.registry.path])
        let yanked = try w.perf(["info", "alice/bullseye@1.1.0", "--registry", w.registry.path])
        #expect(yanked.stdout.contains("(yanked)"))
        try w.perf(["yank", "alice/bullseye@1.1.0", "--undo", "--registry", w.registry.path])
        let unyanked = try w.perf(["info", "alice/bullseye@1.1.0", "--registry", w.registry.path])
        #expect(!unyanked.stdout.contains("(yanked)"))
    }

    @Test func packIsDeterministicAndReadableByBsdtar() throws {
        let w = try Workspace()
        let folder = try w.concept("alice/bullseye", "1.0.0")
        try w.perf(["pack", folder.path, "-o", w.dir.path("a.perf").path])
        try w.perf(["pack", folder.path, "-o", w.dir.path("b.perf").path])
        let a = try Data(contentsOf: w.dir.path("a.perf")), b = try Data(contentsOf: w.dir.path("b.perf"))
        #expect(a == b)
        let listing = try ProcessRunner.run(tool: "bsdtar", ["-tf", w.dir.path("a.perf").path])
        #expect(listing.stdout.split(separator: "\n").sorted() == ["concept.safetensors", "perf.json"])
    }

    @Test func republishTamperAndWrongKeyAreRefused() throws {
        let w = try Workspace()
        try w.perf(["keys", "generate", "alice"])
        try w.perf(["keys", "generate", "mallory"])
        try w.perf(["registry", "init", w.registry.path])
        let bundle = try w.signedBundle("alice/bullseye", "1.0.0")
        try w.perf(["publish", bundle, "--registry", w.registry.path])
        let before = try w.dir.listFiles(under: w.registry)

        // The same version again: never overwritten.
        let again = try w.perf(["publish", bundle, "--registry", w.registry.path], expect: 73)
        #expect(again.stderr.contains("alice/bullseye"))

        // Another key for the same scope, without a rotation signed by the pinned key.
        let other = try w.signedBundle("alice/bullseye", "2.0.0", key: "mallory")
        try w.perf(["publish", other, "--registry", w.registry.path], expect: 77)

        // A tampered bundle: one byte flipped after signing.
        let tampered = try w.signedBundle("alice/bullseye", "3.0.0")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: tampered))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: tampered))
        let refused = try ProcessRunner.perf(["publish", tampered, "--registry", w.registry.path], home: w.home)
        #expect(refused.status != 0)

        // A signature moved to another version's bundle.
        let genuine = try w.signedBundle("alice/bullseye", "4.0.0")
        try FileManager.default.removeItem(atPath: genuine + ".minisig")
        try FileManager.default.copyItem(atPath: bundle + ".minisig", toPath: genuine + ".minisig")
        try w.perf(["verify", genuine], expect: 77)
        try w.perf(["publish", genuine, "--registry", w.registry.path], expect: 77)

        #expect(try w.dir.listFiles(under: w.registry) == before)
    }

    @Test func keyRotationSignedByTheOldKeyIsAccepted() throws {
        let w = try Workspace()
        try w.perf(["keys", "generate", "alice"])
        try w.perf(["keys", "generate", "alice2"])
        try w.perf(["registry", "init", w.registry.path])
        try w.perf(["publish", try w.signedBundle("alice/bullseye", "1.0.0"), "--registry", w.registry.path])
        let next = try w.signedBundle("alice/bullseye", "2.0.0", key: "alice2")
        try w.perf(["publish", next, "--registry", w.registry.path, "--key", "alice2", "--rotate-from", "alice"])
        // The old key is no longer the scope's current key.
        try w.perf(["publish", try w.signedBundle("alice/bullseye", "3.0.0"), "--registry", w.registry.path], expect: 77)
    }

    @Test func errorsNameTheFileAndTheFix() throws {
        let w = try Workspace()
        let missing = try w.perf(["pack", w.dir.path("nowhere").path], expect: 66)
        #expect(missing.stderr.contains("nowhere/perf.json"))
        let notBundle = try w.dir.write("junk.perf", "not a tar archive at all")
        let junk = try w.perf(["verify", notBundle.path], expect: 65)
        #expect(junk.stderr.contains("junk.perf"))
        let http = try w.perf(["search", "x", "--registry", "https://example.invalid/r"], expect: 78)
        #expect(http.stderr.contains("https://example.invalid/r"))
    }
}
