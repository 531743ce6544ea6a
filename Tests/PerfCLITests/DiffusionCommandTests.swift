import Foundation
import PerfDiffusion
import PerfManifest
import PerfSafeTensors
import PerfTestSupport
import Testing

/// `perf base import`, `perf generate` and `perf inspect` end to end through the built `perf`,
/// on the tiny random Stable Diffusion of Tests/PerfDiffusionTests/Fixtures.
@Suite struct DiffusionCommandTests {
    static let fixtures = RepositoryPaths.tests.appendingPathComponent("PerfDiffusionTests/Fixtures")
    static let tinyModel = fixtures.appendingPathComponent("tiny-sd")

    /// A scratch folder with a private PERF_HOME.
    final class Workspace {
        let dir: TemporaryDirectory

        init() throws { dir = try TemporaryDirectory("perf-diffusion-cli") }

        func path(_ relative: String) -> URL { dir.path(relative) }

        @discardableResult
        func perf(_ arguments: [String], expect status: Int32 = 0,
                  sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessResult {
            let result = try ProcessRunner.perf(arguments, home: dir.path("home"), currentDirectory: dir.url)
            #expect(result.status == status, "perf \(arguments.joined(separator: " ")): \(result.stderr)",
                    sourceLocation: sourceLocation)
            return result
        }

        /// A copy of the tiny model to damage.
        func tinyModelCopy() throws -> URL {
            let copy = dir.path("tiny-copy")
            try FileManager.default.copyItem(at: DiffusionCommandTests.tinyModel, to: copy)
            return copy
        }
    }

    /// sha256sum's hex of a file, by the stock tool.
    static func sha256sum(_ file: URL) throws -> String {
        String(try ProcessRunner.run(tool: "sha256sum", [file.path]).stdout.prefix(64))
    }

    @Test func importCopiesASmallModelWithItsDigestAndStatistics() throws {
        let work = try Workspace()
        let result = try work.perf(["base", "import", Self.tinyModel.path, "--name", "test/tiny", "--version", "1.0.0",
                                    "-o", "pkg", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let package = work.path("pkg")
        #expect(report["path"] as? String == package.standardizedFileURL.path)
        let manifest = try BaseManifest.decode(Data(contentsOf: package.appendingPathComponent("perf.json")))
        #expect(manifest.name.description == "test/tiny" && manifest.version.description == "1.0.0")
        guard case .files(let files) = manifest.model.source else {
            Issue.record("a small model should be copied, not referenced")
            return
        }
        let paths = files.map(\.path)
        #expect(paths.contains("unet/diffusion_pytorch_model.safetensors") && paths.contains("model_index.json"))
        #expect(paths.contains("tokenizer/tokenizer.json") && paths.contains("scheduler/scheduler_config.json"))
        // Every file is copied and hashed as sha256sum hashes it; the weights digest is the
        // sha256sum of sha256sum's listing of them (BaseManifest.weightsDigestListing).
        var listing = ""
        for file in files {
            let copied = package.appendingPathComponent(file.path)
            #expect(try Self.sha256sum(copied) == file.sha256.hex)
            #expect(try Self.sha256sum(Self.tinyModel.appendingPathComponent(file.path)) == file.sha256.hex)
            listing += "\(file.sha256.hex)  \(file.path)\n"
        }
        let digestFile = work.path("listing.txt")
        try Data(listing.utf8).write(to: digestFile)
        #expect(try Self.sha256sum(digestFile) == manifest.weightsDigest.hex)
        // The statistics: a symmetric 32 × 32 covariance over the built-in captions' tokens.
        let statsURL = package.appendingPathComponent(manifest.stats.path)
        #expect(try Self.sha256sum(statsURL) == manifest.stats.digest.hex)
        let stats = try SafeTensorsFile.read(from: statsURL).tensors
        let covariance = try #require(stats["covariance"])
        #expect(covariance.shape == [32, 32] && stats["count"]?.dtype == .i64)
        let c = try covariance.floats()
        #expect((0..<32).allSatisfy { c[$0 * 33] > 0 })
        #expect(abs(c[1 * 32 + 5] - c[5 * 32 + 1]) <= 1e-6 * max(abs(c[1 * 32 + 5]), 1e-3))
        #expect(manifest.text?.width == 32 && manifest.text?.maxLength == 77)
        // The package folder is itself a model folder perf can load.
        _ = try ModelFolder(at: package)
    }

    @Test func importByReferenceRecordsThePathAndDigestOnly() throws {
        let work = try Workspace()
        try work.perf(["base", "import", Self.tinyModel.path, "--name", "test/tiny", "--version", "1.0.0", "-o", "ref", "--reference"])
        let manifest = try BaseManifest.decode(Data(contentsOf: work.path("ref/perf.json")))
        #expect(manifest.model.source == .reference(path: Self.tinyModel.standardizedFileURL.resolvingSymlinksInPath().path))
        let copied = try FileManager.default.contentsOfDirectory(atPath: work.path("ref").path).sorted()
        #expect(copied == ["perf.json", "stats"])
        let copiedManifest = try BaseManifest.decode(Data(contentsOf: work.path("ref/perf.json")))
        #expect(copiedManifest.weightsDigest == manifest.weightsDigest)
        // An existing, non-empty package folder is refused.
        let again = try work.perf(["base", "import", Self.tinyModel.path, "--name", "test/tiny", "--version", "1.0.0", "-o", "ref"], expect: 64)
        #expect(again.stderr.contains("ref"))
    }

    @Test func generateWritesTheSamePNGForTheSameSeed() throws {
        let work = try Workspace()
        try work.perf(["base", "import", Self.tinyModel.path, "--name", "test/tiny", "--version", "1.0.0", "-o", "pkg"])
        try work.perf(["generate", "a red circle", "--base", "pkg", "--steps", "3", "--seed", "5", "-o", "a.png"])
        try work.perf(["generate", "a red circle", "--base", Self.tinyModel.path, "--steps", "3", "--seed", "5", "-o", "b.png"])
        try work.perf(["generate", "a red circle", "--base", "pkg", "--steps", "3", "--seed", "6", "-o", "c.png"])
        let a = try Picture.readPNG(from: work.path("a.png"))
        #expect(a.width == 16 && a.height == 16 && a.format == .rgb)
        #expect(try Data(contentsOf: work.path("a.png")) == Data(contentsOf: work.path("b.png")))
        #expect(try Picture.readPNG(from: work.path("c.png")) != a)
    }

    @Test func generateSamplesWithTheGuidanceItsBasePackageRecords() throws {
        let work = try Workspace()
        try work.perf(["base", "import", Self.tinyModel.path, "--name", "test/tiny", "--version", "1.0.0", "-o", "pkg", "--guidance", "2"])
        let manifest = try BaseManifest.decode(Data(contentsOf: work.path("pkg/perf.json")))
        #expect(manifest.sampling == .init(guidance: 2))
        let recorded = try work.perf(["generate", "a red circle", "--base", "pkg", "--steps", "3", "-o", "a.png", "--json"])
        #expect(recorded.stdout.contains("\"guidance\" : 2"))
        try work.perf(["generate", "a red circle", "--base", Self.tinyModel.path, "--steps", "3", "--guidance", "2", "-o", "b.png"])
        #expect(try Data(contentsOf: work.path("a.png")) == Data(contentsOf: work.path("b.png")))
        // A plain diffusers folder records nothing: Stable Diffusion's 7.5; --guidance overrides a package's.
        let plain = try work.perf(["generate", "a red circle", "--base", Self.tinyModel.path, "--steps", "1", "-o", "c.png", "--json"])
        #expect(plain.stdout.contains("\"guidance\" : 7.5"))
        let given = try work.perf(["generate", "a red circle", "--base", "pkg", "--steps", "1", "--guidance", "3", "-o", "d.png", "--json"])
        #expect(given.stdout.contains("\"guidance\" : 3"))
        let refused = try work.perf(["base", "import", Self.tinyModel.path, "--name", "test/tiny", "--version", "1.0.0", "-o", "bad",
                                     "--guidance=-1"], expect: 64)
        #expect(refused.stderr.contains("--guidance"))
    }

    @Test func halfImportStoresFloat16WeightsThatGenerateNearlyTheSamePicture() throws {
        let work = try Workspace()
        try work.perf(["base", "import", Self.tinyModel.path, "--name", "test/tiny", "--version", "1.0.0", "-o", "full"])
        try work.perf(["base", "import", Self.tinyModel.path, "--name", "test/tiny", "--version", "1.0.0", "-o", "half", "--half"])
        let weights = "text_encoder/model.safetensors"  // the fixture's UNet is float16 already
        let full = try SafeTensorsFile.read(from: work.path("full/" + weights)), half = try SafeTensorsFile.read(from: work.path("half/" + weights))
        #expect(half.tensors.keys.sorted() == full.tensors.keys.sorted())
        #expect(full.tensors.values.contains { $0.dtype == .f32 })
        for (name, tensor) in full.tensors {
            guard tensor.dtype == .f32 else { #expect(half.tensors[name] == tensor, "\(name) is kept as it is"); continue }
            #expect(half.tensors[name]?.dtype == .f16)
            let worst = zip(try tensor.floats(), try half.tensors[name]!.floats()).map { abs($0 - $1) / max(abs($0), 1e-3) }.max() ?? 0
            #expect(worst <= 1e-3, "\(name): relative difference \(worst)")
        }
        let manifests = try ["full", "half"].map { try BaseManifest.decode(Data(contentsOf: work.path("\($0)/perf.json"))) }
        #expect(manifests[0].weightsDigest != manifests[1].weightsDigest)
        try work.perf(["generate", "a red circle", "--base", "full", "--steps", "3", "-o", "a.png"])
        try work.perf(["generate", "a red circle", "--base", "half", "--steps", "3", "-o", "b.png"])
        let a = try Picture.readPNG(from: work.path("a.png")), b = try Picture.readPNG(from: work.path("b.png"))
        let worst = zip(a.pixels, b.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 255
        #expect(a.pixels.count == b.pixels.count && worst <= 8, "largest pixel difference \(worst)")
        // The source folder is untouched, and --half needs a copy.
        guard case .files(let files) = manifests[0].model.source else { Issue.record("a copied model lists its files"); return }
        #expect(try Self.sha256sum(Self.tinyModel.appendingPathComponent(weights)) == files.first { $0.path == weights }?.sha256.hex)
        let refused = try work.perf(["base", "import", Self.tinyModel.path, "--name", "a/b", "--version", "1.0.0", "--half", "--reference"],
                                    expect: 64)
        #expect(refused.stderr.contains("--half"))
    }

    @Test func halfImportRefusesWeightsBeyondFloat16AndWritesNothing() throws {
        let work = try Workspace()
        try FileManager.default.copyItem(at: Self.tinyModel, to: work.path("model"))
        let url = work.path("model/text_encoder/model.safetensors")
        var weights = try SafeTensorsFile.read(from: url)
        let name = try #require(weights.tensors.keys.sorted().first)
        let tensor = try #require(weights.tensors[name])
        weights.tensors[name] = try SafeTensor(floats: [1e6] + Array(try tensor.floats().dropFirst()), shape: tensor.shape)
        try weights.write(to: url)
        let refused = try work.perf(["base", "import", "model", "--name", "a/b", "--version", "1.0.0", "-o", "pkg", "--half"], expect: 64)
        #expect(refused.stderr.contains(name) && refused.stderr.contains("without --half"))
        #expect(!FileManager.default.fileExists(atPath: work.path("pkg").path))
        #expect(try SafeTensorsFile.read(from: url) == weights)
    }

    @Test func generateFromGivenLatentsMatchesDiffusersPicture() throws {
        let work = try Workspace()
        let outputs = try SafeTensorsFile.read(from: Self.fixtures.appendingPathComponent("tiny-sd-outputs.safetensors"))
        let initial = try #require(outputs.tensors["pipeline.initial_latents"])
        try SafeTensorsFile(tensors: ["latents": initial]).write(to: work.path("latents.safetensors"))
        let prompt = try #require(outputs.metadata["pipeline.prompt"])
        try work.perf(["generate", prompt, "--base", Self.tinyModel.path, "--latents", "latents.safetensors",
                       "--steps", "10", "--guidance", "7.5", "--sampler", "ddim", "-o", "out.png"])
        let picture = try Picture.readPNG(from: work.path("out.png"))
        let expected = try #require(outputs.tensors["pipeline.image"]).floats()  // [1, 16, 16, 3] in [0, 1]
        let pixels = expected.map { Int(($0 * 255).rounded()) }
        let worst = zip(picture.pixels, pixels).map { abs(Int($0) - $1) }.max() ?? 255
        #expect(picture.pixels.count == pixels.count && worst <= 1, "largest pixel difference \(worst)")
    }

    @Test func batchesWriteOneFileEachOrAGrid() throws {
        let work = try Workspace()
        let json = try work.perf(["generate", "a star", "--base", Self.tinyModel.path, "--steps", "1", "--batch", "2", "-o", "s.png", "--json"])
        #expect(json.stdout.contains("s-1.png") && json.stdout.contains("s-2.png"))
        #expect(try Picture.readPNG(from: work.path("s-2.png")).width == 16)
        try work.perf(["generate", "a star", "--base", Self.tinyModel.path, "--steps", "1", "--batch", "3", "--grid", "-o", "g.png"])
        let grid = try Picture.readPNG(from: work.path("g.png"))
        #expect(grid.width == 32 && grid.height == 32)
        try work.perf(["generate", "a star", "--base", Self.tinyModel.path, "--steps", "1", "--height", "24", "--width", "32",
                       "--sampler", "euler", "--guidance", "1", "-o", "e.png"])
        let wide = try Picture.readPNG(from: work.path("e.png"))
        #expect(wide.width == 32 && wide.height == 24)
    }

    @Test func inspectDumpsEveryCrossAttentionLayersKeysAndValues() throws {
        let work = try Workspace()
        let result = try work.perf(["inspect", "a red circle", "--base", Self.tinyModel.path, "--dump", "dump", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let layers = try #require(report["layers"] as? [[String: Any]])
        #expect(layers.count == 6)
        let folder = try ModelFolder(at: Self.tinyModel)
        let unet = try UNet(folder: folder)
        let states = try CLIPTextEncoder(folder: folder)([folder.tokenizer.encode("a red circle")])
        for (layer, keys, values) in try unet.crossAttentionKeysAndValues(context: states) {
            let dumped = try SafeTensorsFile.read(from: work.path("dump/\(layer.path).safetensors")).tensors
            #expect(dumped["keys"]?.shape == [77, layer.queryDim])
            #expect(try dumped["keys"]?.floats() == keys.scalars)
            #expect(try dumped["values"]?.floats() == values.scalars)
        }
        let text = try SafeTensorsFile.read(from: work.path("dump/text_encoder.safetensors")).tensors
        #expect(text["input_ids"]?.dtype == .i64 && text["last_hidden_state"]?.shape == [77, 32])
        let human = try work.perf(["inspect", "a red circle", "--base", Self.tinyModel.path])
        #expect(human.stdout.contains("mid_block.attentions.0.transformer_blocks.0.attn2") && human.stdout.contains("circle"))
    }

    @Test func anImportedBasePublishedAndInstalledGeneratesByName() throws {
        let work = try Workspace()
        try work.perf(["base", "import", Self.tinyModel.path, "--name", "test/tiny", "--version", "1.0.0", "-o", "pkg"])
        try work.perf(["keys", "generate", "tester"])
        try work.perf(["registry", "init", "registry"])
        try work.perf(["pack", "pkg", "-o", "tiny.perf"])
        try work.perf(["sign", "tiny.perf"])
        try work.perf(["publish", "tiny.perf", "--registry", "registry"])
        let project = work.path("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        func perf(_ arguments: [String], expect status: Int32 = 0) throws -> ProcessResult {
            let result = try ProcessRunner.perf(arguments, home: work.path("home"), currentDirectory: project)
            #expect(result.status == status, "perf \(arguments.joined(separator: " ")): \(result.stderr)")
            return result
        }
        try perf(["init"])
        try perf(["add", "--base", "test/tiny", "--registry", work.path("registry").path])
        try perf(["install", "--registry", work.path("registry").path])
        // By name, and with no --base at all (the project's locked base): the same picture as the folder gives.
        try perf(["generate", "a red circle", "--base", "test/tiny", "--steps", "2", "--seed", "3", "-o", "named.png"])
        try perf(["generate", "a red circle", "--steps", "2", "--seed", "3", "-o", "locked.png"])
        try perf(["generate", "a red circle", "--base", Self.tinyModel.path, "--steps", "2", "--seed", "3", "-o", "folder.png"])
        let named = try Data(contentsOf: project.appendingPathComponent("named.png"))
        #expect(named == (try Data(contentsOf: project.appendingPathComponent("locked.png"))))
        #expect(named == (try Data(contentsOf: project.appendingPathComponent("folder.png"))))
    }

    @Test func brokenModelFoldersGetClearErrors() throws {
        let work = try Workspace()
        let missing = try work.perf(["generate", "x", "--base", work.path("nowhere").path, "--steps", "1"], expect: 66)
        #expect(missing.stderr.contains("nowhere"))
        let byName = try work.perf(["generate", "x", "--base", "someone/model", "--steps", "1"], expect: 66)
        #expect(byName.stderr.contains("someone/model is not installed") && byName.stderr.contains("perf install"), "\(byName.stderr)")
        let model = try work.tinyModelCopy()
        // A partial folder: the UNet's weights are gone.
        let weights = model.appendingPathComponent("unet/diffusion_pytorch_model.safetensors")
        try FileManager.default.moveItem(at: weights, to: work.path("saved.safetensors"))
        let partial = try work.perf(["base", "import", model.path, "--name", "a/b", "--version", "1.0.0"], expect: 66)
        #expect(partial.stderr.contains("unet") && partial.stderr.contains("missing"))
        try FileManager.default.moveItem(at: work.path("saved.safetensors"), to: weights)
        // An unsupported configuration value, named.
        let unetConfig = model.appendingPathComponent("unet/config.json")
        let original = try Data(contentsOf: unetConfig)
        try Data(String(decoding: original, as: UTF8.self).replacingOccurrences(of: "\"act_fn\": \"silu\"", with: "\"act_fn\": \"gelu\"").utf8)
            .write(to: unetConfig)
        let unsupported = try work.perf(["generate", "x", "--base", model.path, "--steps", "1"], expect: 65)
        #expect(unsupported.stderr.contains("act_fn") && unsupported.stderr.contains("gelu"))
        try original.write(to: unetConfig)
        // Weights whose shapes do not fit the configuration: the VAE's second block made wider.
        let vaeConfig = model.appendingPathComponent("vae/config.json")
        var vae = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: vaeConfig)) as? [String: Any])
        vae["block_out_channels"] = [16, 48]
        try JSONSerialization.data(withJSONObject: vae).write(to: vaeConfig)
        let shape = try work.perf(["generate", "x", "--base", model.path, "--steps", "1"], expect: 65)
        #expect(shape.stderr.contains("encoder.down_blocks.1") && shape.stderr.contains("shape"))
        #expect(!FileManager.default.fileExists(atPath: work.path("out.png").path))
    }
}
