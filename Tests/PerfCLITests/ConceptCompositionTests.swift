import Foundation
import PerfDiffusion
import PerfTestSupport
import Testing

/// `perf train` and `perf generate` with concepts end to end: a concept trained on an imported
/// tiny model goes through pack → sign → publish → install → generate (issue 6's "done when"),
/// and the composition errors are clear.
@Suite struct ConceptCompositionTests {
    /// A workspace with the tiny model imported as base `test/tiny`, key `tester`, a registry,
    /// a project folder and pictures of a ring.
    final class World {
        let work: DiffusionCommandTests.Workspace
        var project: URL { work.path("project") }

        init() throws {
            work = try DiffusionCommandTests.Workspace()
            try work.perf(["base", "import", DiffusionCommandTests.tinyModel.path, "--name", "test/tiny", "--version", "1.0.0", "-o", "base"])
            try work.perf(["keys", "generate", "tester"])
            try work.perf(["registry", "init", "registry"])
            try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: work.path("pictures"), withIntermediateDirectories: true)
            for index in 0..<2 {
                var pixels = [UInt8]()
                for y in 0..<32 {
                    for x in 0..<32 {
                        let r = (Double((x - 16 - index) * (x - 16 - index) + (y - 16) * (y - 16))).squareRoot()
                        pixels += r < 12 && r > 6 ? [220, 30, 30] : [250, 250, 250]
                    }
                }
                try Picture(width: 32, height: 32, format: .rgb, pixels: pixels).writePNG(to: work.path("pictures/ring-\(index).png"))
            }
        }

        /// `perf` in the project folder.
        @discardableResult
        func inProject(_ arguments: [String], expect status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessResult {
            let result = try ProcessRunner.perf(arguments, home: work.path("home"), currentDirectory: project)
            #expect(result.status == status, "perf \(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
            return result
        }

        /// Trains `name` on the pictures (3 steps) into `file`.
        func train(_ name: String, _ file: String, base: String = "base", extra: [String] = []) throws {
            try work.perf(["train", "--base", base, "--images", "pictures", "--superclass", "circle", "--name", name,
                           "--steps", "3", "--batch", "2", "--seed", "7", "--threads", "1", "-o", file] + extra)
        }

        /// Signs and publishes `file` to the registry.
        func publish(_ file: String) throws {
            try work.perf(["sign", file])
            try work.perf(["publish", file, "--registry", "registry"])
        }
    }

    @Test func aTrainedConceptRoundTripsThroughTheRegistryIntoAPicture() throws {
        let w = try World()
        try w.train("alice/ring", "ring.perf")
        try w.train("alice/ring", "again.perf")
        // The same seed gives the same tensors; the manifest records the training.
        let tensors = try ProcessRunner.run(tool: "bsdtar", ["-xOf", w.work.path("ring.perf").path, "concept.safetensors"]).stdout
        let again = try ProcessRunner.run(tool: "bsdtar", ["-xOf", w.work.path("again.perf").path, "concept.safetensors"]).stdout
        #expect(!tensors.isEmpty && tensors == again)
        let manifestText = try ProcessRunner.run(tool: "bsdtar", ["-xOf", w.work.path("ring.perf").path, "perf.json"]).stdout
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(manifestText.utf8)) as? [String: Any])
        let training = try #require(manifest["training"] as? [String: Any])
        #expect(training["steps"] as? Int == 3 && training["seed"] as? Int == 7)
        let images = try #require(training["images"] as? [[String: Any]])
        #expect(images.compactMap { $0["sha256"] as? String }
                == (try ["ring-0.png", "ring-1.png"].map { try DiffusionCommandTests.sha256sum(w.work.path("pictures/\($0)")) }))
        #expect(manifest["token"] as? String == "<alice/ring>" && manifest["superclass"] as? String == "circle")
        #expect((manifest["gate"] as? [String: Any])?["beta"] as? Double == 0.7)

        try w.work.perf(["pack", "base", "-o", "base.perf"])
        try w.publish("base.perf")
        try w.publish("ring.perf")
        try w.inProject(["init"])
        try w.inProject(["add", "alice/ring", "--registry", w.work.path("registry").path])
        try w.inProject(["install", "--registry", w.work.path("registry").path])

        // The placeholder picks the installed concept and its base; the concept changes the picture.
        try w.inProject(["generate", "a <alice/ring> and a circle", "--steps", "3", "--seed", "1", "-o", "concept.png"])
        try w.inProject(["generate", "a circle and a circle", "--steps", "3", "--seed", "1", "-o", "plain.png"])
        try w.inProject(["generate", "a <alice/ring> and a circle", "--steps", "3", "--seed", "1", "--gate", "alice/ring=0.3:0.1",
                         "--lock", "global", "-o", "gated.png"])
        let concept = try Picture.readPNG(from: w.project.appendingPathComponent("concept.png"))
        #expect(concept != (try Picture.readPNG(from: w.project.appendingPathComponent("plain.png"))))
        #expect(concept != (try Picture.readPNG(from: w.project.appendingPathComponent("gated.png"))))
        try w.inProject(["generate", "a <alice/ring> and a circle", "--steps", "3", "--seed", "1", "-o", "again.png"])
        #expect(try Data(contentsOf: w.project.appendingPathComponent("again.png")) == Data(contentsOf: w.project.appendingPathComponent("concept.png")))
    }

    @Test func captionsAndNoMirroringAreRecordedInTheManifest() throws {
        let w = try World()
        let captions = w.work.path("captions")
        try FileManager.default.createDirectory(at: captions, withIntermediateDirectories: true)
        for index in 0..<2 { try Data("a large {} on the left\n".utf8).write(to: captions.appendingPathComponent("ring-\(index).txt")) }
        try w.train("alice/ring", "ring.perf", extra: ["--captions", "captions", "--no-mirror"])
        let manifestText = try ProcessRunner.run(tool: "bsdtar", ["-xOf", w.work.path("ring.perf").path, "perf.json"]).stdout
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(manifestText.utf8)) as? [String: Any])
        let training = try #require(manifest["training"] as? [String: Any])
        #expect(training["mirrored"] as? Bool == false)
        let recorded = try #require(training["captions"] as? [[String: Any]])
        #expect(recorded.compactMap { $0["file"] as? String } == ["ring-0.txt", "ring-1.txt"])
        #expect(recorded.compactMap { $0["sha256"] as? String }
                == (try ["ring-0.txt", "ring-1.txt"].map { try DiffusionCommandTests.sha256sum(captions.appendingPathComponent($0)) }))
        // Without the options, neither field is written (the defaults: templates, mirrored).
        try w.train("alice/ring", "plain.perf")
        let plainText = try ProcessRunner.run(tool: "bsdtar", ["-xOf", w.work.path("plain.perf").path, "perf.json"]).stdout
        #expect(!plainText.contains("\"mirrored\"") && !plainText.contains("\"captions\""))

        try Data("a large {} at the top\n".utf8).write(to: w.work.path("templates.txt"))
        let both = try w.work.perf(["train", "--base", "base", "--images", "pictures", "--superclass", "circle", "--name", "alice/ring",
                                    "--captions", "captions", "--templates", "templates.txt", "-o", "both.perf"], expect: 64)
        #expect(both.stderr.contains("--templates") && both.stderr.contains("--captions"), "\(both.stderr)")
        try FileManager.default.removeItem(at: captions.appendingPathComponent("ring-1.txt"))
        let missing = try w.work.perf(["train", "--base", "base", "--images", "pictures", "--superclass", "circle", "--name", "alice/ring",
                                       "--captions", "captions", "-o", "missing.perf"], expect: 64)
        #expect(missing.stderr.contains("ring-1.txt"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: w.work.path("missing.perf").path))
    }

    @Test func compositionErrorsNameTheConceptsAndTheFix() throws {
        let w = try World()
        // A second base: the tiny model with one weight changed, so its digest differs.
        let other = try w.work.tinyModelCopy()
        let weights = other.appendingPathComponent("unet/diffusion_pytorch_model.safetensors")
        var bytes = try Data(contentsOf: weights)
        bytes[bytes.count - 1] ^= 0x01
        try bytes.write(to: weights)
        try w.work.perf(["base", "import", other.path, "--name", "test/other", "--version", "1.0.0", "-o", "other-base"])
        try w.train("alice/ring", "ring.perf")
        try w.train("bob/ring", "bob.perf", extra: ["--token", "<alice/ring>"])
        try w.train("carol/ring", "carol.perf", base: "other-base")
        for file in ["ring.perf", "bob.perf", "carol.perf"] { try w.publish(file) }
        for base in ["base", "other-base"] {
            try w.work.perf(["pack", base, "-o", "\(base).perf"])
            try w.publish("\(base).perf")
        }
        let registry = w.work.path("registry").path
        try w.inProject(["init"])
        try w.inProject(["add", "alice/ring", "--registry", registry])
        try w.inProject(["install", "--registry", registry])
        // bob and carol are installed from a second project (a composition holds one base).
        let side = w.work.path("side")
        try FileManager.default.createDirectory(at: side, withIntermediateDirectories: true)
        for (concept, folder) in [("bob/ring", "bob"), ("carol/ring", "carol")] {
            let dir = side.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for arguments in [["init"], ["add", concept, "--registry", registry], ["install", "--registry", registry]] {
                let result = try ProcessRunner.perf(arguments, home: w.work.path("home"), currentDirectory: dir)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
            }
        }

        let unknown = try w.inProject(["generate", "a <dave/ring>", "--steps", "1"], expect: 66)
        #expect(unknown.stderr.contains("dave/ring is not installed"), "\(unknown.stderr)")
        let sameToken = try w.inProject(["generate", "a <alice/ring> next to a <bob/ring>", "--steps", "1"], expect: 64)
        #expect(sameToken.stderr.contains("alice/ring and bob/ring both use <alice/ring>"), "\(sameToken.stderr)")
        let twoBases = try w.inProject(["generate", "a <alice/ring> next to a <carol/ring>", "--steps", "1"], expect: 64)
        #expect(twoBases.stderr.contains("concepts of one base") && twoBases.stderr.contains("test/other"), "\(twoBases.stderr)")
        let wrongBase = try w.inProject(["generate", "a <carol/ring>", "--base", "test/tiny", "--steps", "1"], expect: 64)
        #expect(wrongBase.stderr.contains("carol/ring@0.1.0 was trained on") && wrongBase.stderr.contains("test/other"), "\(wrongBase.stderr)")
        let badGate = try w.inProject(["generate", "a <alice/ring>", "--gate", "alice/ring=2", "--steps", "1"], expect: 64)
        #expect(badGate.stderr.contains("S/N=BETA:TAU"), "\(badGate.stderr)")
        let strayGate = try w.inProject(["generate", "a <alice/ring>", "--gate", "bob/ring=0.5:0.1", "--steps", "1"], expect: 64)
        #expect(strayGate.stderr.contains("a concept the prompt names as <bob/ring>"), "\(strayGate.stderr)")
    }
}
