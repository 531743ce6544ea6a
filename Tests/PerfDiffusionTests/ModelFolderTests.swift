import Foundation
import PerfDiffusion
import PerfSafeTensors
import PerfTestSupport
import Testing

/// The tiny random Stable Diffusion folder (Fixtures/make_models.py) through ModelFolder:
/// configs, tokenizer and every expected tensor; then damaged copies of it.
@Suite struct ModelFolderTests {
    @Test func tinyModelLoadsWithEveryExpectedTensor() throws {
        let folder = try ModelFolder(at: DiffusionFixtures.tinyModel)
        #expect(folder.vae != nil && folder.scheduler.className == "DDIMScheduler")
        try folder.checkWeights()
        for component in ModelComponent.allCases {
            let expected = folder.expectedTensors(component)
            let weights = try folder.loadWeights(component)
            #expect(!expected.isEmpty && weights.tensors.count == expected.count, "\(component)")
            for spec in expected {
                #expect(weights.tensors[spec.name]?.shape == spec.shape, "\(component): \(spec)")
            }
            #expect(weights.ignored.isEmpty, "\(component) holds tensors perf does not use: \(weights.ignored)")
        }
        let unet = try folder.loadWeights(.unet)
        #expect(unet.tensors["conv_in.weight"]?.dtype == .f16, "the fixture stores the UNet in float16")
        #expect(try unet.floats("conv_in.weight").count == 16 * 4 * 3 * 3)
        let text = try folder.loadWeights(.textEncoder)
        #expect(text.tensors["text_model.final_layer_norm.weight"]?.dtype == .f32)
    }

    /// The reference outputs fit the configs: ids are what perf's tokenizer makes of the
    /// recorded prompts, and every tensor has the shape the configs imply.
    @Test func referenceOutputsFitTheConfigs() throws {
        let folder = try ModelFolder(at: DiffusionFixtures.tinyModel)
        let outputs = try SafeTensorsFile.read(from: DiffusionFixtures.url("tiny-sd-outputs.safetensors"))
        let tokens = folder.tokenizer.maxLength, width = folder.textEncoder.hiddenSize
        for k in 0..<3 {
            let prompt = try #require(outputs.metadata["prompt.\(k)"])
            let ids = try #require(outputs.tensors["text.\(k).input_ids"]).floats().map { Int($0) }
            #expect(ids == folder.tokenizer.encode(prompt), "prompt \(k)")
            #expect(outputs.tensors["text.\(k).last_hidden_state"]?.shape == [1, tokens, width])
        }
        let side = try #require(folder.unet.sampleSize), vae = try #require(folder.vae)
        let latent = [folder.unet.inChannels, side, side]
        #expect(outputs.tensors["unet.sample"]?.shape == [2] + latent)
        #expect(outputs.tensors["unet.noise_pred"]?.shape == [2, folder.unet.outChannels, side, side])
        #expect(outputs.tensors["unet.encoder_hidden_states"]?.shape == [2, tokens, width])
        #expect(outputs.tensors["vae.latent_mean"]?.shape == [1, vae.latentChannels, side, side])
        #expect(outputs.tensors["vae.decoded"]?.shape == [1, vae.outChannels, side * vae.downscale, side * vae.downscale])
        let stepText = try #require(outputs.metadata["pipeline.steps"])
        let steps = try #require(Int(stepText))
        #expect(try DDIMScheduler(folder.scheduler, steps: steps).timesteps.count == steps)
        for step in 0..<steps {
            #expect(outputs.tensors["pipeline.latents.\(step)"]?.shape == [1] + latent)
        }
        #expect(outputs.tensors["pipeline.image"]?.shape == [1, side * vae.downscale, side * vae.downscale, 3])
    }

    // MARK: Damaged folders

    static func edit(_ file: URL, _ change: (inout [String: Any]) -> Void) throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        change(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: file)
    }

    static func rewrite(_ file: URL, _ change: (inout [String: SafeTensor]) throws -> Void) throws {
        var contents = try SafeTensorsFile.read(from: file)
        try change(&contents.tensors)
        try contents.write(to: file)
    }

    @Test func wrongShapeNamesTensorAndFile() throws {
        try DiffusionFixtures.withTinyModelCopy { copy in
            let file = copy.appendingPathComponent("unet/diffusion_pytorch_model.safetensors")
            try Self.rewrite(file) { $0["mid_block.attentions.0.transformer_blocks.0.attn2.to_k.weight"] = try SafeTensor(floats: .init(repeating: 0, count: 32 * 16), shape: [32, 16]) }
            let error = try #require(throws: DiffusionError.self) { try ModelFolder(at: copy).loadWeights(.unet) }
            #expect(error.description.contains("mid_block.attentions.0.transformer_blocks.0.attn2.to_k.weight"))
            #expect(error.description.contains(file.path) && error.description.contains("[32, 16]") && error.description.contains("[32, 32]"))
        }
    }

    @Test func missingOrNonFloatTensorsAreNamed() throws {
        try DiffusionFixtures.withTinyModelCopy { copy in
            let vae = copy.appendingPathComponent("vae/diffusion_pytorch_model.safetensors")
            try Self.rewrite(vae) { $0["decoder.conv_out.bias"] = nil }
            let missing = try #require(throws: DiffusionError.self) { try ModelFolder(at: copy).checkWeights() }
            #expect(missing.description.contains("decoder.conv_out.bias") && missing.exitStatus == .dataError)
            let text = copy.appendingPathComponent("text_encoder/model.safetensors")
            try Self.rewrite(text) { $0["final_layer_norm.bias"] = try SafeTensor(dtype: .i32, shape: [32], data: Data(count: 128)) }
            let type = try #require(throws: DiffusionError.self) { try ModelFolder(at: copy).loadWeights(.textEncoder) }
            #expect(type.description.contains("text_model.final_layer_norm.bias") && type.description.contains("I32"))
        }
    }

    @Test func missingFilesAndPickledWeights() throws {
        try DiffusionFixtures.withTinyModelCopy { copy in
            let unet = copy.appendingPathComponent("unet/diffusion_pytorch_model.safetensors")
            try FileManager.default.moveItem(at: unet, to: copy.appendingPathComponent("unet/diffusion_pytorch_model.bin"))
            let pickled = try #require(throws: DiffusionError.self) { try ModelFolder(at: copy).checkWeights() }
            #expect(pickled.description.contains("diffusion_pytorch_model.bin") && pickled.description.contains("safe_serialization"))
            try FileManager.default.removeItem(at: copy.appendingPathComponent("unet/diffusion_pytorch_model.bin"))
            let missing = try #require(throws: DiffusionError.self) { try ModelFolder(at: copy).loadWeights(.unet) }
            #expect(missing.exitStatus == .notFound && missing.description.contains(unet.path))
            try FileManager.default.removeItem(at: copy.appendingPathComponent("tokenizer/tokenizer.json"))
            let vocabulary = try #require(throws: DiffusionError.self) { try ModelFolder(at: copy) }
            #expect(vocabulary.description.contains("tokenizer/vocab.json") && vocabulary.exitStatus == .notFound)
            try FileManager.default.removeItem(at: copy.appendingPathComponent("model_index.json"))
            #expect(throws: DiffusionError.self) { try ModelFolder(at: copy) }
            #expect(throws: DiffusionError.self) { try ModelFolder(at: copy.appendingPathComponent("nowhere")) }
        }
    }

    @Test func variantsAndShards() throws {
        try DiffusionFixtures.withTinyModelCopy { copy in
            let vae = copy.appendingPathComponent("vae")
            try FileManager.default.moveItem(at: vae.appendingPathComponent("diffusion_pytorch_model.safetensors"),
                                             to: vae.appendingPathComponent("diffusion_pytorch_model.fp16.safetensors"))
            #expect(throws: DiffusionError.self) { try ModelFolder(at: copy).loadWeights(.vae) }
            #expect(try ModelFolder(at: copy).loadWeights(.vae, variant: "fp16").tensors.count == ModelFolder(at: copy).expectedTensors(.vae).count)

            let unet = copy.appendingPathComponent("unet")
            let whole = try SafeTensorsFile.read(from: unet.appendingPathComponent("diffusion_pytorch_model.safetensors"))
            try FileManager.default.removeItem(at: unet.appendingPathComponent("diffusion_pytorch_model.safetensors"))
            let names = whole.tensors.keys.sorted()
            var map: [String: String] = [:]
            for (shard, part) in [names.filter { $0.hasPrefix("down") }, names.filter { !$0.hasPrefix("down") }].enumerated() {
                let file = "diffusion_pytorch_model-0000\(shard + 1)-of-00002.safetensors"
                try SafeTensorsFile(tensors: whole.tensors.filter { part.contains($0.key) }).write(to: unet.appendingPathComponent(file))
                for name in part { map[name] = file }
            }
            let index = unet.appendingPathComponent("diffusion_pytorch_model.safetensors.index.json")
            try JSONSerialization.data(withJSONObject: ["metadata": [:], "weight_map": map]).write(to: index)
            let folder = try ModelFolder(at: copy)
            #expect(try folder.weightFiles(.unet).count == 2)
            #expect(try folder.loadWeights(.unet).tensors.count == folder.expectedTensors(.unet).count)

            try Self.rewrite(unet.appendingPathComponent("diffusion_pytorch_model-00002-of-00002.safetensors")) {
                $0["down_blocks.0.resnets.0.conv1.bias"] = whole.tensors["down_blocks.0.resnets.0.conv1.bias"]
            }
            let duplicate = try #require(throws: DiffusionError.self) { try folder.loadWeights(.unet) }
            #expect(duplicate.description.contains("down_blocks.0.resnets.0.conv1.bias") && duplicate.description.contains("00001-of-00002"))

            for hostile in ["../../escape.safetensors", "/etc/passwd", "weights.bin", ""] {
                try Self.edit(index) { $0["weight_map"] = ["conv_in.weight": hostile] }
                let error = try #require(throws: DiffusionError.self) { try folder.weightFiles(.unet) }
                #expect(error.description.contains("weight_map"))
            }
        }
    }

    @Test func partsThatDoNotBelongTogether() throws {
        try DiffusionFixtures.withTinyModelCopy { copy in
            let unetConfig = copy.appendingPathComponent("unet/config.json")
            try Self.edit(unetConfig) { $0["cross_attention_dim"] = 64 }
            let width = try #require(throws: DiffusionError.self) { try ModelFolder(at: copy) }
            #expect(width.description.contains("unet/config.json") && width.description.contains("\"cross_attention_dim\""))
            try Self.edit(unetConfig) { $0["cross_attention_dim"] = 32; $0["in_channels"] = 8 }
            let latent = try #require(throws: DiffusionError.self) { try ModelFolder(at: copy) }
            #expect(latent.description.contains("vae/config.json") && latent.description.contains("\"latent_channels\""))
            try Self.edit(unetConfig) { $0["in_channels"] = 4 }
            try Self.edit(copy.appendingPathComponent("tokenizer/tokenizer_config.json")) { $0["model_max_length"] = 78 }
            let length = try #require(throws: DiffusionError.self) { try ModelFolder(at: copy) }
            #expect(length.description.contains("\"model_max_length\"") && length.description.contains("max_position_embeddings 77"))
            try Self.edit(copy.appendingPathComponent("tokenizer/tokenizer_config.json")) { $0["model_max_length"] = 77 }
            try Self.edit(copy.appendingPathComponent("text_encoder/config.json")) { $0["vocab_size"] = 800 }
            let vocabulary = try #require(throws: DiffusionError.self) { try ModelFolder(at: copy) }
            #expect(vocabulary.description.contains("\"vocab_size\""))
        }
    }

    @Test func theVAEIsOptional() throws {
        try DiffusionFixtures.withTinyModelCopy { copy in
            try FileManager.default.removeItem(at: copy.appendingPathComponent("vae"))
            let listed = try #require(throws: DiffusionError.self) { try ModelFolder(at: copy) }
            #expect(listed.description.contains("vae/config.json") && listed.exitStatus == .notFound)
            try Self.edit(copy.appendingPathComponent("model_index.json")) { $0["vae"] = [NSNull(), NSNull()] }
            let folder = try ModelFolder(at: copy)
            #expect(folder.vae == nil && folder.expectedTensors(.vae).isEmpty)
            try folder.checkWeights()
        }
    }
}
