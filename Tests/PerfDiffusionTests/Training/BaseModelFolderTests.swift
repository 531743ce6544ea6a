import Foundation
import PerfDiffusion
import PerfSafeTensors
import PerfTensor
import PerfTestSupport
import Testing

/// A freshly initialised base model: its architecture, its weights' statistics, and the
/// diffusers folder it writes, loaded back through ModelFolder and StableDiffusion.
@Suite struct BaseModelFolderTests {
    /// §5's architecture. diffusers' UNet2DConditionModel built from the same config.json
    /// (sample_size 32, 3 channels in and out, blocks (32, 64, 64), one layer per block,
    /// cross-attention at the two lower levels and in the middle, 4 heads, 8 groups, text width
    /// 64) reports 1,687,075 parameters (diffusers 0.42.1, counted by hand with
    /// `sum(p.numel() for p in unet.parameters())`).
    @Test func theBuiltInArchitectureIsSection5s() throws {
        let architecture = BaseModelArchitecture()
        let unet = try architecture.unetConfig()
        #expect(unet.blockOutChannels == [32, 64, 64] && unet.layersPerBlock == [1, 1, 1])
        #expect(unet.downBlockTypes == [.down, .crossAttentionDown, .crossAttentionDown])
        #expect(unet.upBlockTypes == [.crossAttentionUp, .crossAttentionUp, .up] && unet.midBlockType == .crossAttentionMid)
        #expect(UNetLayout(unet).tensors.reduce(0) { $0 + $1.shape.reduce(1, *) } == 1_687_075)
        let vocabulary = try WordVocabulary(words: WordVocabularyTests.worldWords)
        let text = try architecture.textEncoderConfig(for: vocabulary)
        #expect(text.hiddenSize == 64 && text.layers == 2 && text.vocabSize == vocabulary.count && text.eosTokenID == vocabulary.endID)
        let scheduler = try architecture.schedulerConfig()
        #expect(scheduler.predictionType == .vPrediction && scheduler.rescaleBetasZeroSNR && scheduler.timestepSpacing == .trailing)
        #expect(NoiseSchedule(scheduler).alphasCumprod.last == 0, "zero terminal SNR")
    }

    @Test func badArchitecturesAreRefused() throws {
        var architecture = TinyBase.architecture
        architecture.crossAttention = [true]
        #expect(throws: DiffusionError.self) { try architecture.unetConfig() }
        architecture = TinyBase.architecture
        architecture.pictureSize = 9
        #expect(throws: DiffusionError.self) { try architecture.unetConfig() }
        architecture = TinyBase.architecture
        architecture.normGroups = 3
        #expect(throws: DiffusionError.self) { try architecture.unetConfig() }
    }

    /// PyTorch's defaults for the UNet (uniform ±1/√fan_in, norms 1 and 0) and transformers'
    /// CLIP initialisation for the text encoder, seeded.
    @Test func initialWeightsFollowTheLibrariesDefaults() throws {
        let model = try BaseModel.initialized(BaseModelArchitecture(), vocabulary: WordVocabulary(words: WordVocabularyTests.worldWords), seed: 3)
        let unet = model.unet.parameters.tensors, text = model.textEncoder.parameters.tensors
        let conv = try #require(unet["down_blocks.1.resnets.0.conv1.weight"])  // [64, 32, 3, 3]: fan_in 288
        let bound = 1 / Float(288).squareRoot()
        #expect(conv.scalars.allSatisfy { abs($0) <= bound })
        #expect(abs(variance(conv.scalars) / (bound * bound / 3) - 1) < 0.05)
        let bias = try #require(unet["down_blocks.1.resnets.0.conv1.bias"])
        #expect(bias.scalars.allSatisfy { abs($0) <= bound } && Set(bias.scalars).count == 64)
        #expect(unet["down_blocks.1.resnets.0.norm1.weight"]?.scalars.allSatisfy { $0 == 1 } == true)
        #expect(unet["down_blocks.1.attentions.0.transformer_blocks.0.norm2.bias"]?.scalars.allSatisfy { $0 == 0 } == true)
        let query = try #require(text["text_model.encoder.layers.0.self_attn.q_proj.weight"])  // std 64^-½ · 4^-½ = 0.0625
        #expect(abs(variance(query.scalars).squareRoot() / 0.0625 - 1) < 0.05)
        let tokens = try #require(text["text_model.embeddings.token_embedding.weight"])
        #expect(abs(variance(tokens.scalars).squareRoot() / 0.02 - 1) < 0.05)
        #expect(text["text_model.encoder.layers.1.mlp.fc1.bias"]?.scalars.allSatisfy { $0 == 0 } == true)
        let again = try BaseModel.initialized(BaseModelArchitecture(), vocabulary: model.vocabulary, seed: 3)
        let other = try BaseModel.initialized(BaseModelArchitecture(), vocabulary: model.vocabulary, seed: 4)
        #expect(again.flatParameters.mapValues(\.scalars) == model.flatParameters.mapValues(\.scalars))
        #expect(other.unet.parameters.tensors["conv_in.weight"]?.scalars != unet["conv_in.weight"]?.scalars)
    }

    @Test func theWrittenFolderLoadsAndGenerates() throws {
        let directory = try TemporaryDirectory("perf-base-model")
        let model = try TinyBase.model()
        let url = directory.path("tiny-base")
        try model.write(to: url)
        #expect(try directory.listFiles() == [
            "tiny-base/model_index.json", "tiny-base/scheduler/scheduler_config.json", "tiny-base/text_encoder/config.json",
            "tiny-base/text_encoder/model.safetensors", "tiny-base/tokenizer/merges.txt", "tiny-base/tokenizer/special_tokens_map.json",
            "tiny-base/tokenizer/tokenizer_config.json", "tiny-base/tokenizer/vocab.json", "tiny-base/unet/config.json",
            "tiny-base/unet/diffusion_pytorch_model.safetensors",
        ])
        let loaded = try StableDiffusion(at: url)
        #expect(loaded.unet.config == model.unet.config && loaded.textEncoder.config == model.textEncoder.config)
        #expect(loaded.folder.scheduler.predictionType == .vPrediction && loaded.autoencoder == nil)
        #expect(loaded.folder.scheduler.className == "DDIMScheduler" && loaded.folder.scheduler.clipSample == true)
        for (name, tensor) in model.unet.parameters.tensors {
            #expect(loaded.unet.parameters.tensors[name]?.scalars == tensor.scalars, "\(name)")
        }
        for (name, tensor) in model.textEncoder.parameters.tensors {
            #expect(loaded.textEncoder.parameters.tensors[name]?.scalars == tensor.scalars, "\(name)")
        }
        let weights = try SafeTensorsFile.read(from: url.appendingPathComponent("unet/diffusion_pytorch_model.safetensors"))
        #expect(weights.metadata["format"] == "pt")
        let generation = try loaded.generate(GenerationRequest(prompt: "a red circle", steps: 2, guidance: 1.5, seed: 1))
        #expect(generation.pictures.count == 1 && generation.pictures[0].width == 8)
        #expect(generation.latents.scalars.allSatisfy { $0.isFinite })
    }

    @Test func aFolderThatIsNotEmptyIsNotOverwritten() throws {
        let directory = try TemporaryDirectory("perf-base-model")
        try directory.write("taken/keep.txt", "mine")
        #expect(throws: DiffusionError.self) { try TinyBase.model().write(to: directory.path("taken")) }
        #expect(try directory.listFiles() == ["taken/keep.txt"])
        #expect(throws: DiffusionError.self) { try TinyBase.model().write(to: directory.path("absent/deeper/model")) }
        #expect(try directory.listFiles() == ["taken/keep.txt"])
    }

    private func variance(_ values: [Float]) -> Float {
        let mean = values.reduce(0, +) / Float(values.count)
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(values.count)
    }
}
