import Foundation
import PerfDiffusion
import PerfTestSupport
import Testing

/// `perf base train` end to end: a model trained on the built-in world (a step, to keep it
/// quick) is a diffusers folder that `perf generate` reads; a resumed run continues the
/// checkpoint; contradictory options are refused.
@Suite struct BaseTrainCommandTests {
    @Test func worldTrainingWritesAModelThatGeneratesAndResumes() throws {
        let work = try DiffusionCommandTests.Workspace()
        try work.perf(["base", "train", "--world", "--steps", "1", "--batch", "2", "--threads", "1", "-o", "model"])
        for file in ["model_index.json", "unet/diffusion_pytorch_model.safetensors", "text_encoder/model.safetensors", "tokenizer/vocab.json"] {
            #expect(FileManager.default.fileExists(atPath: work.path("model/\(file)").path), "\(file)")
        }
        let vocabulary = try String(contentsOf: work.path("model/tokenizer/vocab.json"), encoding: .utf8)
        #expect(vocabulary.contains("\"circle</w>\"") && vocabulary.contains("\"background</w>\""))
        try work.perf(["generate", "a small blue star on the right on a black background", "--base", "model", "--steps", "2", "-o", "star.png"])
        #expect(try Picture.readPNG(from: work.path("star.png")).width == 32)

        // Resuming continues the same run to step 2 into a new folder.
        let resumed = try work.perf(["base", "train", "--world", "--resume", "--checkpoint", "model.checkpoint.safetensors",
                                     "--steps", "2", "--threads", "1", "-o", "model2", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        #expect(report["steps"] as? Int == 2 && report["stepsThisRun"] as? Int == 1, "\(resumed.stdout)")
        // Resuming again into the first folder replaces the model the run wrote there.
        let earlier = try Data(contentsOf: work.path("model/unet/diffusion_pytorch_model.safetensors"))
        try work.perf(["base", "train", "--world", "--resume", "--steps", "3", "--threads", "1", "-o", "model"])
        #expect(try Data(contentsOf: work.path("model/unet/diffusion_pytorch_model.safetensors")) != earlier)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path(".").path).filter { $0.hasPrefix(".") }.isEmpty,
                "no staging folders left")

        // A new run on patterned scenes starts from the first run's weights, with the pattern words added.
        try work.perf(["base", "train", "--world", "--patterns", "--init", "model.checkpoint.safetensors", "--steps", "1",
                       "--batch", "2", "--threads", "1", "-o", "patterned"])
        let patternedWords = try String(contentsOf: work.path("patterned/tokenizer/vocab.json"), encoding: .utf8)
        #expect(["circle", "bullseye", "checkered", "polka", "dot", "tone"].allSatisfy { patternedWords.contains("\"\($0)</w>\"") })
        #expect(FileManager.default.fileExists(atPath: work.path("patterned.checkpoint.safetensors").path))
        try work.perf(["generate", "a large red and yellow checkered heart in the centre on a white background", "--base", "patterned",
                       "--steps", "2", "-o", "heart.png"])
        // Resuming it needs --patterns again, and a plain run refuses it.
        try work.perf(["base", "train", "--world", "--patterns", "--resume", "--steps", "2", "--threads", "1", "-o", "patterned"])
        // Refusals name what to change.
        let refusals: [(arguments: [String], status: Int32, named: String)] = [
            (["--world", "--resume", "--steps", "3", "-o", "patterned"], 64, "--patterns"),
            (["--world", "--patterns", "--resume", "--steps", "4", "-o", "model"], 64, "leave out --patterns"),
            (["--world", "--init", "nowhere.safetensors", "-o", "model4"], 66, "nowhere.safetensors"),
            (["--world", "--init", "model.checkpoint.safetensors", "--resume", "-o", "model"], 64, "--init"),
            (["--data", "x", "--words", "w", "--patterns", "-o", "model5"], 64, "--world"),
            (["--world", "--data", "x", "-o", "model3"], 64, "--data DIR or --world"),
        ]
        for refusal in refusals {
            let refused = try work.perf(["base", "train"] + refusal.arguments, expect: refusal.status)
            #expect(refused.stderr.contains(refusal.named), "\(refusal.arguments): \(refused.stderr)")
        }
        let occupied = try work.perf(["base", "train", "--world", "--steps", "1", "-o", "model"], expect: 64)
        #expect(!occupied.stderr.isEmpty)
    }
}
