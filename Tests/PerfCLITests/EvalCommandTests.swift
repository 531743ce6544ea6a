import Foundation
import PerfDiffusion
import PerfTestSupport
import Testing

/// `perf eval` end to end on a barely trained world model: the base part, two concepts with a
/// β sweep and together, the report and plots written; bad arguments refused.
@Suite struct EvalCommandTests {
    @Test func evalJudgesTheBaseAndConceptsAndWritesItsReport() throws {
        let work = try DiffusionCommandTests.Workspace()
        try work.perf(["base", "train", "--world", "--steps", "1", "--batch", "2", "--threads", "1", "-o", "model"])
        try work.perf(["base", "import", "model", "--name", "test/world", "--version", "1.0.0", "-o", "world"])
        for (name, look, shape) in [("bull", "bullseye-circle", "circle"), ("checks", "checkered-square", "square")] {
            try work.perf(["world", "render", "--look", look, "--count", "1", "-o", "looks/\(name)"])
            // bull is trained with its pictures' own captions, as scripts/build-registry trains.
            let captions = name == "bull" ? ["--captions", "looks/\(name)/captions", "--no-mirror"] : []
            try work.perf(["train", "--base", "world", "--images", "looks/\(name)", "--superclass", shape, "--name", "test/\(name)",
                           "--steps", "1", "--batch", "1", "--threads", "1", "-o", "\(name).perf"] + captions)
        }
        let result = try work.perf(["eval", "--base", "world", "--prompts", "2", "--steps", "1", "--concept-prompts", "1",
                                    "--beta", "0.5", "--beta", "0.9", "--concept", "bull.perf=bullseye-circle",
                                    "--concept", "checks.perf=checkered-square", "--comparisons", "--threads", "1", "-o", "report", "--json"])
        let printed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: work.path("report/eval.json"))) as? [String: Any])
        #expect(printed["baseModel"] as? String == "test/world@1.0.0" && saved["baseModel"] as? String == "test/world@1.0.0")
        let base = try #require(saved["base"] as? [String: Any])
        let singles = try #require(base["singlesFullyRight"] as? Double)
        #expect((0...1).contains(singles))
        #expect(((base["detail"] as? [String: Any])?["outcomes"] as? [Any])?.count == 2)
        let concepts = try #require(saved["concepts"] as? [[String: Any]])
        #expect(concepts.map { $0["name"] as? String } == ["test/bull", "test/checks"])
        #expect(concepts.allSatisfy { ($0["sweep"] as? [[String: Any]])?.compactMap { $0["beta"] as? Double } == [0.5, 0.9] })
        #expect(concepts.allSatisfy { $0["pictures"] as? Int == 1 })
        // The comparisons, trained on the same (re-rendered, digest-checked) picture and caption.
        #expect(concepts.allSatisfy { ($0["embeddingOnly"] as? [String: Any])?["beta"] == nil && $0["embeddingOnly"] != nil })
        #expect(concepts.allSatisfy { ($0["unlockedKeys"] as? [[String: Any]])?.count == 2 })
        let pair = try #require(saved["pair"] as? [String: Any])
        #expect(pair["names"] as? [String] == ["test/bull", "test/checks"])
        for file in ["base-accuracy.png", "base-samples.png", "concept-pareto.png", "test-bull-samples.png", "test-checks-samples.png", "pair-samples.png"] {
            let picture = try Picture.readPNG(from: work.path("report/\(file)"))
            #expect(picture.width > 32, "\(file)")
        }

        let unknownLook = try work.perf(["eval", "--base", "world", "--concept", "bull.perf=spotted-dog"], expect: 64)
        #expect(unknownLook.stderr.contains("bullseye-circle"), "\(unknownLook.stderr)")
        // A concept trained on other pictures cannot be compared on its own.
        try work.perf(["world", "render", "--look", "bullseye-circle", "--seed", "9", "--count", "1", "-o", "other"])
        try work.perf(["train", "--base", "world", "--images", "other", "--superclass", "circle", "--name", "test/other",
                       "--steps", "1", "--batch", "1", "--threads", "1", "-o", "other.perf"])
        let mismatch = try work.perf(["eval", "--base", "world", "--prompts", "0", "--concept-prompts", "1", "--steps", "1",
                                      "--concept", "other.perf=bullseye-circle", "--comparisons", "--threads", "1", "-o", "r2"], expect: 64)
        #expect(mismatch.stderr.contains("is not that rendering"), "\(mismatch.stderr)")
        let nothing = try work.perf(["eval", "--base", "world", "--prompts", "0"], expect: 64)
        #expect(nothing.stderr.contains("nothing to judge"), "\(nothing.stderr)")
    }
}
