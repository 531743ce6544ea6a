import Foundation
import PerfTestSupport
import Testing

/// `perf init`, `perf add`, `perf resolve` and `perf install` end to end through the built
/// `perf`, on packages made with `perf pack`, `perf sign` and `perf publish`.
@Suite struct CompositionCommandTests {
    /// A scratch folder with a PERF_HOME, a registry and a project folder.
    final class Workspace {
        let dir: TemporaryDirectory
        var home: URL { dir.path("home") }
        var registry: URL { dir.path("registry") }
        var project: URL { dir.path("project") }

        init() throws {
            dir = try TemporaryDirectory("perf-compose")
            try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        }

        /// Runs `perf` in `folder` (the project by default) and checks its exit status.
        @discardableResult
        func perf(_ arguments: [String], in folder: URL? = nil, home: URL? = nil, expect status: Int32 = 0,
                  sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessResult {
            let result = try ProcessRunner.perf(arguments, home: home ?? self.home, currentDirectory: folder ?? project)
            #expect(result.status == status, "perf \(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
            return result
        }

        /// Packs, signs and publishes the package folder `source` (holding `perf.json` and its files).
        func publish(_ source: URL, as file: String) throws {
            let bundle = dir.path(file).path
            try perf(["pack", source.path, "-o", bundle], in: dir.url)
            try perf(["sign", bundle, "--key", "alice"], in: dir.url)
            try perf(["publish", bundle, "--registry", registry.path], in: dir.url)
        }

        /// A copy of the example concept (trained on the example base) named `name` at `version`.
        func concept(_ name: String, _ version: String) throws -> URL {
            let example = RepositoryPaths.root.appendingPathComponent("Examples/demo-concept")
            let folder = dir.path("src/\(name.replacingOccurrences(of: "/", with: "-"))-\(version)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: example.appendingPathComponent("concept.safetensors"),
                                             to: folder.appendingPathComponent("concept.safetensors"))
            let text = try String(contentsOf: example.appendingPathComponent("perf.json"), encoding: .utf8)
                .replacingOccurrences(of: "demo/bullseye", with: name)
                .replacingOccurrences(of: "\"0.1.0\"", with: "\"\(version)\"")
            try Data(text.utf8).write(to: folder.appendingPathComponent("perf.json"))
            return folder
        }

        /// Makes key `alice` and a registry holding the example base and `alice/bullseye` at `versions`.
        func publishExamples(versions: [String]) throws {
            try perf(["keys", "generate", "alice"], in: dir.url)
            try perf(["registry", "init", registry.path], in: dir.url)
            try publish(try base(), as: "shapes.perf")
            for version in versions { try publish(try concept("alice/bullseye", version), as: "bullseye-\(version).perf") }
        }

        /// A base folder holding the example base manifest (`perf/shapes` 1.0.0, whose weights the example concept names).
        func base() throws -> URL {
            let folder = dir.path("src/shapes")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: RepositoryPaths.manifests.appendingPathComponent("examples/shapes.perf.json"),
                                             to: folder.appendingPathComponent("perf.json"))
            return folder
        }
    }

    @Test func initAddResolveInstallAndInstallOffline() throws {
        let w = try Workspace()
        try w.publishExamples(versions: ["1.0.0", "1.1.0"])

        try w.perf(["init", "--name", "alice/scene"])
        let refused = try w.perf(["init"], expect: 73)
        #expect(refused.stderr.contains("perf.json already exists"), "\(refused.stderr)")
        try w.perf(["add", "alice/bullseye", "--base", "perf/shapes", "--registry", w.registry.path])
        let manifest = try String(contentsOf: w.project.appendingPathComponent("perf.json"), encoding: .utf8)
        #expect(manifest.contains("\"alice/bullseye\" : \"^1.1.0\""), "\(manifest)")
        #expect(manifest.contains("\"requirement\" : \"^1.0.0\""), "\(manifest)")
        let ghost = try w.perf(["add", "alice/ghost", "--registry", w.registry.path], expect: 66)
        #expect(ghost.stderr.contains("no version of alice/ghost is published"), "\(ghost.stderr)")

        let resolved = try w.perf(["resolve", "--json", "--registry", w.registry.path])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(resolved.stdout.utf8)) as? [String: Any])
        let packages = try #require(report["packages"] as? [[String: Any]])
        #expect(packages.compactMap { $0["name"] as? String } == ["alice/bullseye", "perf/shapes"])
        #expect(packages.compactMap { $0["version"] as? String } == ["1.1.0", "1.0.0"])
        #expect((report["base"] as? [String: Any])?["name"] as? String == "perf/shapes")
        #expect(!FileManager.default.fileExists(atPath: w.project.appendingPathComponent("perf.lock").path), "resolve writes nothing")

        let installed = try w.perf(["install", "--registry", w.registry.path])
        #expect(installed.stdout.contains("wrote perf.lock"), "\(installed.stdout)")
        let lock = try String(contentsOf: w.project.appendingPathComponent("perf.lock"), encoding: .utf8)
        #expect(lock.contains("\"version\" : \"1.1.0\"") && lock.contains("\"registry\" : \"file://\(w.registry.path)\""), "\(lock)")
        let concept = w.home.appendingPathComponent("packages/alice/bullseye/1.1.0/concept.safetensors")
        #expect(try Data(contentsOf: concept) == Data(contentsOf: RepositoryPaths.root.appendingPathComponent("Examples/demo-concept/concept.safetensors")))

        try FileManager.default.removeItem(at: w.home.appendingPathComponent("packages"))
        let offline = try w.perf(["install", "--offline", "--registry", "http://127.0.0.1:9/unreachable"])
        #expect(offline.stdout.contains("installed from perf.lock"), "\(offline.stdout)")
        #expect(FileManager.default.fileExists(atPath: concept.path))
    }

    @Test func installOverHTTPAndAnUnsatisfiableComposition() throws {
        let w = try Workspace()
        try w.publishExamples(versions: ["1.0.0"])
        let server = try StaticFileServer(serving: w.registry)
        let url = server.url().absoluteString

        try w.perf(["init"])
        try w.perf(["add", "alice/bullseye@^1", "--registry", url])
        try w.perf(["install", "--registry", url])
        #expect(FileManager.default.fileExists(atPath: w.home.appendingPathComponent("packages/perf/shapes/1.0.0/perf.json").path))
        let lock = try String(contentsOf: w.project.appendingPathComponent("perf.lock"), encoding: .utf8)
        #expect(lock.contains("\"registry\" : \"http://127.0.0.1:\(server.port)\""), "\(lock)")

        // A base requirement no published base satisfies: the resolver's derivation is printed.
        var manifest = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: w.project.appendingPathComponent("perf.json"))) as? [String: Any])
        manifest["base"] = ["name": "perf/shapes", "requirement": "^2"]
        try JSONSerialization.data(withJSONObject: manifest).write(to: w.project.appendingPathComponent("perf.json"))
        let failed = try w.perf(["resolve", "--registry", url], expect: 1)
        #expect(failed.stderr.contains("no versions satisfy the composition's requirements"), "\(failed.stderr)")
        #expect(failed.stderr.contains("perf/shapes ^2") && failed.stderr.contains("1. Because"), "\(failed.stderr)")
    }
}
