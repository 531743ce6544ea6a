import Foundation
import PerfDiffusion
import Testing

/// Reading unet, text encoder, VAE and model_index configurations: defaults, the supported
/// subset, and errors that name the file and key.
@Suite struct ConfigTests {
    static func unet(_ json: String) throws -> UNetConfig {
        try UNetConfig(data: Data(json.utf8), source: "unet/config.json")
    }

    /// Expects `json` to be rejected with a message naming the file and `key`.
    static func expectRejected(_ json: String, key: String, contains extra: String? = nil,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: DiffusionError.self, sourceLocation: sourceLocation) { try unet(json) }
        guard let error else { return }
        #expect(error.description.contains("unet/config.json") && error.description.contains("\"\(key)\""),
                "\(error.description)", sourceLocation: sourceLocation)
        if let extra { #expect(error.description.contains(extra), "\(error.description)", sourceLocation: sourceLocation) }
        #expect(error.exitStatus == .dataError, sourceLocation: sourceLocation)
    }

    @Test func tinyModelUNetConfig() throws {
        let config = try UNetConfig(contentsOf: DiffusionFixtures.tinyModel.appendingPathComponent("unet/config.json"))
        #expect(config.blockOutChannels == [16, 32] && config.layersPerBlock == [2, 2])
        #expect(config.downBlockTypes == [.crossAttentionDown, .down] && config.upBlockTypes == [.up, .crossAttentionUp])
        #expect(config.midBlockType == .crossAttentionMid)
        #expect(config.attentionHeads == [2, 4] && config.crossAttentionDim == [32, 32])
        #expect(config.timeEmbeddingDim == 64 && config.normGroups == 8 && config.sampleSize == 8)
        #expect(!config.useLinearProjection && config.flipSinToCos && config.freqShift == 0)
        let layout = UNetLayout(config)
        #expect(layout.crossAttentions.count == 2 + 1 + 3)
        #expect(layout.up[1].transformers.map(\.heads) == [2, 2, 2], "up blocks mirror the down blocks' heads")
        #expect(layout.mid?.transformers.first?.heads == 4)
    }

    @Test func absentKeysGiveStableDiffusion15() throws {
        let config = try Self.unet("{}")
        #expect(config.blockOutChannels == [320, 640, 1280, 1280] && config.crossAttentionDim == [1280, 1280, 1280, 1280])
        #expect(config.attentionHeads == [8, 8, 8, 8] && config.timeEmbeddingDim == 1280 && config.inChannels == 4)
        let linear = try Self.unet("{\"use_linear_projection\": true, \"attention_head_dim\": [5, 10, 20, 20]}")
        #expect(linear.useLinearProjection && linear.attentionHeads == [5, 10, 20, 20])
        #expect(UNetLayout(linear).tensors.contains(TensorSpec("down_blocks.0.attentions.0.proj_in.weight", [320, 320])))
    }

    @Test func unsupportedUNetSettingsAreNamed() {
        Self.expectRejected("{\"down_block_types\": [\"CrossAttnDownBlock2D\", \"SimpleCrossAttnDownBlock2D\", \"DownBlock2D\", \"DownBlock2D\"]}",
                            key: "down_block_types", contains: "SimpleCrossAttnDownBlock2D")
        Self.expectRejected("{\"up_block_types\": [\"UpBlock2D\", \"CrossAttnUpBlock2D\", \"CrossAttnUpBlock2D\", \"CrossAttnDownBlock2D\"]}",
                            key: "up_block_types")
        Self.expectRejected("{\"mid_block_type\": \"UNetMidBlock2DSimpleCrossAttn\"}", key: "mid_block_type")
        Self.expectRejected("{\"num_attention_heads\": 8}", key: "num_attention_heads")
        Self.expectRejected("{\"addition_embed_type\": \"text_time\"}", key: "addition_embed_type")
        Self.expectRejected("{\"class_embed_type\": \"timestep\"}", key: "class_embed_type")
        Self.expectRejected("{\"only_cross_attention\": [false, true, false, false]}", key: "only_cross_attention")
        Self.expectRejected("{\"resnet_time_scale_shift\": \"scale_shift\"}", key: "resnet_time_scale_shift")
        Self.expectRejected("{\"act_fn\": \"gelu\"}", key: "act_fn")
        Self.expectRejected("{\"conv_in_kernel\": 4}", key: "conv_in_kernel")
        Self.expectRejected("{\"transformer_layers_per_block\": [[1, 2], 1, 1, 1]}", key: "transformer_layers_per_block")
    }

    @Test func malformedUNetValuesAreNamed() {
        Self.expectRejected("{\"block_out_channels\": [32, 64], \"down_block_types\": [\"DownBlock2D\"]}", key: "down_block_types",
                            contains: "has 1 entries")
        Self.expectRejected("{\"block_out_channels\": [30, 60], \"norm_num_groups\": 32, \"down_block_types\": [\"DownBlock2D\", \"DownBlock2D\"], \"up_block_types\": [\"UpBlock2D\", \"UpBlock2D\"]}",
                            key: "norm_num_groups")
        Self.expectRejected("{\"attention_head_dim\": 7}", key: "attention_head_dim", contains: "do not divide")
        Self.expectRejected("{\"attention_head_dim\": [8, 8]}", key: "attention_head_dim", contains: "4 blocks")
        Self.expectRejected("{\"layers_per_block\": 0}", key: "layers_per_block")
        Self.expectRejected("{\"in_channels\": \"four\"}", key: "in_channels", contains: "an integer")
        Self.expectRejected("{\"block_out_channels\": []}", key: "block_out_channels")
        Self.expectRejected("{\"_class_name\": \"UNet2DModel\"}", key: "_class_name")
    }

    @Test func textEncoderConfig() throws {
        let config = try CLIPTextConfig(contentsOf: DiffusionFixtures.tinyModel.appendingPathComponent("text_encoder/config.json"))
        #expect(config.hiddenSize == 32 && config.layers == 2 && config.attentionHeads == 4 && config.headDim == 8)
        #expect(config.vocabSize == 886 && config.activation == .quickGELU && config.eosTokenID == 885)
        let sd2 = try CLIPTextConfig(data: Data("{\"hidden_act\": \"gelu\", \"hidden_size\": 1024, \"num_attention_heads\": 16}".utf8), source: "t")
        #expect(sd2.activation == .gelu && sd2.maxPositionEmbeddings == 77 && sd2.layers == 12)
        for (json, key) in [("{\"hidden_act\": \"relu\"}", "hidden_act"), ("{\"architectures\": [\"CLIPVisionModel\"]}", "architectures"),
                            ("{\"hidden_size\": 30, \"num_attention_heads\": 8}", "num_attention_heads"),
                            ("{\"model_type\": \"t5\"}", "model_type")] {
            let error = try #require(throws: DiffusionError.self) { try CLIPTextConfig(data: Data(json.utf8), source: "text_encoder/config.json") }
            #expect(error.description.contains("text_encoder/config.json") && error.description.contains("\"\(key)\""))
        }
    }

    @Test func autoencoderConfig() throws {
        let config = try AutoencoderConfig(contentsOf: DiffusionFixtures.tinyModel.appendingPathComponent("vae/config.json"))
        #expect(config.blockOutChannels == [16, 32] && config.latentChannels == 4 && config.downscale == 2)
        #expect(config.scalingFactor == 0.18215 && config.shiftFactor == 0 && config.midBlockAttention)
        for (json, key) in [("{\"down_block_types\": [\"DownBlock2D\"]}", "down_block_types"),
                            ("{\"latents_mean\": [0, 0, 0, 0]}", "latents_mean"),
                            ("{\"block_out_channels\": [64, 128]}", "down_block_types")] {
            let error = try #require(throws: DiffusionError.self) { try AutoencoderConfig(data: Data(json.utf8), source: "vae/config.json") }
            #expect(error.description.contains("vae/config.json") && error.description.contains("\"\(key)\""))
        }
    }

    @Test func modelIndex() throws {
        let index = try ModelIndex(contentsOf: DiffusionFixtures.tinyModel.appendingPathComponent("model_index.json"))
        #expect(index.pipelineClass == "StableDiffusionPipeline")
        #expect(Set(index.components.keys) == ["text_encoder", "tokenizer", "unet", "vae", "scheduler"])
        #expect(index.components["scheduler"]?.className == "DDIMScheduler")
        for (json, key) in [("{\"unet\": [\"diffusers\", \"UNet2DConditionModel\"]}", "text_encoder"),
                            ("{\"text_encoder\": [\"transformers\", \"T5EncoderModel\"], \"tokenizer\": [\"transformers\", \"CLIPTokenizer\"], \"unet\": [\"diffusers\", \"UNet2DConditionModel\"], \"scheduler\": [\"diffusers\", \"DDIMScheduler\"]}", "text_encoder"),
                            ("{\"unet\": [\"diffusers\", 3]}", "unet")] {
            let error = try #require(throws: DiffusionError.self) { try ModelIndex(data: Data(json.utf8), source: "model_index.json") }
            #expect(error.description.contains("model_index.json") && error.description.contains("\"\(key)\""), "\(error)")
        }
    }
}
