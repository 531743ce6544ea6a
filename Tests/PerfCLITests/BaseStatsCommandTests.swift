import Foundation
import PerfManifest
import PerfPerfusion
import PerfSafeTensors
import PerfTestSupport
import Testing

/// `perf base stats` end to end through the built `perf`, on the tiny random Stable Diffusion of
/// Tests/PerfDiffusionTests/Fixtures.
@Suite struct BaseStatsCommandTests {
    typealias Workspace = DiffusionCommandTests.Workspace

    /// A base package of the tiny model in `work`.
    static func basePackage(_ work: Workspace) throws -> URL {
        try work.perf(["base", "import", DiffusionCommandTests.tinyModel.path, "--name", "test/tiny", "--version", "1.0.0", "-o", "base"])
        return work.path("base")
    }

    @Test func baseStatsRewritesTheStatisticsAndTheirDigest() throws {
        let work = try Workspace()
        let base = try Self.basePackage(work)
        let captions = try work.dir.write("captions.txt", "a red circle\na blue square next to a green star\n\na yellow heart\n")
        let result = try work.perf(["base", "stats", base.path, "--captions", captions.path, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let manifest = try BaseManifest.decode(Data(contentsOf: base.appendingPathComponent("perf.json")))
        let stats = base.appendingPathComponent(manifest.stats.path)
        #expect(try DiffusionCommandTests.sha256sum(stats) == manifest.stats.digest.hex)
        #expect(report["digest"] as? String == manifest.stats.digest.description)
        #expect(report["captions"] as? Int == 3 && report["width"] as? Int == 32)
        // Three short captions: fewer states than dimensions, so the covariance needs a ridge.
        let file = try SafeTensorsFile.read(from: stats)
        let count = try #require(file.tensors["count"]?.data).withUnsafeBytes { Int($0.loadUnaligned(as: Int64.self)) }
        #expect(report["count"] as? Int == count && count < 32)
        #expect((report["ridge"] as? Double ?? 0) > 0 && file.metadata["ridge"] == String(report["ridge"] as? Double ?? 0))
        #expect(try InverseCovariance(contentsOf: stats).ridge == report["ridge"] as? Double)
        #expect(try work.dir.listFiles(under: base).allSatisfy { !$0.hasSuffix(".tmp") })
        // Missing captions or a folder that is no base package: clear errors, nothing written.
        let before = try Data(contentsOf: stats)
        let missing = try work.perf(["base", "stats", base.path, "--captions", work.path("none.txt").path], expect: 66)
        #expect(missing.stderr.contains("none.txt"))
        try work.perf(["base", "stats", DiffusionCommandTests.tinyModel.path], expect: 64)
        try work.perf(["base", "stats", "test/absent"], expect: 66)
        #expect(try Data(contentsOf: stats) == before)
    }
}
