import Foundation
import PerfDiffusion
import PerfTestSupport
import Testing

/// The registry that ships in `Registry/` (DESIGN §5): the built-in base model and the example
/// concepts install into a fresh PERF_HOME, verified against the example key; the stock
/// minisign verifies every package with the committed public key; the installed model loads
/// and generates with two concepts composed.
@Suite struct BundledRegistryTests {
    static let registry = RepositoryPaths.root.appendingPathComponent("Registry")
    static let exampleKey = RepositoryPaths.root.appendingPathComponent("Examples/keys/perf-example.pub")

    @Test func theBundledPackagesInstallVerifyAndCompose() throws {
        let work = try DiffusionCommandTests.Workspace()
        try work.perf(["init", "--name", "test/bundled"])
        try work.perf(["add", "perf/bullseye", "perf/checkers", "--registry", Self.registry.path])
        try work.perf(["install", "--registry", Self.registry.path])
        let lock = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: work.path("perf.lock"))) as? [String: Any])
        let packages = try #require(lock["packages"] as? [[String: Any]])
        #expect(Set(packages.compactMap { $0["name"] as? String }) == ["perf/world", "perf/bullseye", "perf/checkers"])
        #expect(packages.allSatisfy { $0["key_id"] as? String == "910723F14F79A5A2" })

        let picture = try work.perf(["generate", "a <perf/bullseye> next to a <perf/checkers> on a white background",
                                     "--steps", "4", "--threads", "1", "-o", "composed.png", "--json"])
        #expect(picture.stdout.contains("composed.png"))
        // Generate samples with the guidance the installed world base records.
        let world = try #require(packages.first { $0["name"] as? String == "perf/world" })
        let version = try #require(world["version"] as? String)
        let manifest = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: work.path("home/packages/perf/world/\(version)/perf.json"))) as? [String: Any])
        let recorded = try #require((manifest["sampling"] as? [String: Any])?["guidance"] as? Double)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(picture.stdout.utf8)) as? [String: Any])
        #expect(report["guidance"] as? Double == recorded, "the world base's recorded guidance is the default")
        #expect(try Picture.readPNG(from: work.path("composed.png")).width == 32)
    }

    @Test func theStockMinisignVerifiesEveryBundledPackage() throws {
        let blobs = try FileManager.default.contentsOfDirectory(atPath: Self.registry.appendingPathComponent("blobs/sha256").path)
        #expect(blobs.count >= 6, "the base model and five concepts")
        for blob in blobs {
            let result = try ProcessRunner.run(tool: "minisign", [
                "-V", "-q", "-p", Self.exampleKey.path, "-m", Self.registry.appendingPathComponent("blobs/sha256/\(blob)").path,
                "-x", Self.registry.appendingPathComponent("sigs/sha256/\(blob).minisig").path,
            ])
            #expect(result.status == 0, "\(blob): \(result.stderr)")
        }
    }
}
