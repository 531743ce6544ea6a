import Foundation

extension UNetConfig {
    /// Reads `unet/config.json`; defaults are diffusers' for absent keys, and a key whose value
    /// perf does not implement is an error naming the file and key.
    public init(contentsOf url: URL) throws {
        try self.init(ConfigObject.read(url, what: "the UNet configuration"))
    }

    /// Parses `config.json` content; `source` names it in errors.
    public init(data: Data, source: String) throws {
        try self.init(ConfigObject.parse(data, source: source))
    }

    init(_ config: ConfigObject) throws {
        try Self.checkUnsupported(config)
        try config.require("_class_name", in: [.null, .string("UNet2DConditionModel")], supported: "\"UNet2DConditionModel\"")
        let sd = Self.stableDiffusionDefaults
        blockOutChannels = try config.ints("block_out_channels", default: sd.channels)
        let blocks = blockOutChannels.count
        guard blocks > 0, blockOutChannels.allSatisfy({ $0 > 0 }) else {
            throw DiffusionError(config.source, .malformed(key: "block_out_channels", "needs at least one positive channel count"))
        }
        downBlockTypes = try Self.blockTypes(config, "down_block_types", sd.down, allowed: [.crossAttentionDown, .down], count: blocks)
        upBlockTypes = try Self.blockTypes(config, "up_block_types", sd.up, allowed: [.up, .crossAttentionUp], count: blocks)
        if config.members["mid_block_type"] == .null {
            midBlockType = nil
        } else {
            let mid = try config.string("mid_block_type", default: UNetBlockType.crossAttentionMid.rawValue)
            guard mid == UNetBlockType.crossAttentionMid.rawValue else {
                throw DiffusionError(config.source, .unsupported(key: "mid_block_type", value: "\"\(mid)\"",
                                                                  supported: "\"UNetMidBlock2DCrossAttn\" or null"))
            }
            midBlockType = .crossAttentionMid
        }
        sampleSize = try config.optionalInt("sample_size")
        inChannels = try config.int("in_channels", default: 4, atLeast: 1)
        outChannels = try config.int("out_channels", default: 4, atLeast: 1)
        centerInputSample = try config.bool("center_input_sample", default: false)
        flipSinToCos = try config.bool("flip_sin_to_cos", default: true)
        freqShift = try config.double("freq_shift", default: 0)
        layersPerBlock = try config.intPerBlock("layers_per_block", count: blocks, default: 2)
        downsamplePadding = try config.int("downsample_padding", default: 1, atLeast: 0)
        midBlockScaleFactor = try config.double("mid_block_scale_factor", default: 1)
        normGroups = try config.int("norm_num_groups", default: 32, atLeast: 1)
        normEpsilon = try config.double("norm_eps", default: 1e-5)
        crossAttentionDim = try config.intPerBlock("cross_attention_dim", count: blocks, default: 1280)
        transformerLayersPerBlock = try config.intPerBlock("transformer_layers_per_block", count: blocks, default: 1)
        attentionHeads = try config.intPerBlock("attention_head_dim", count: blocks, default: 8)
        useLinearProjection = try config.bool("use_linear_projection", default: false)
        upcastAttention = try config.bool("upcast_attention", default: false)
        timeEmbeddingDim = try config.optionalInt("time_embedding_dim") ?? 4 * blockOutChannels[0]
        convInKernel = try config.int("conv_in_kernel", default: 3, atLeast: 1)
        convOutKernel = try config.int("conv_out_kernel", default: 3, atLeast: 1)
        try checkShapes(source: config.source)
    }

    /// The values diffusers' UNet2DConditionModel uses for absent keys (Stable Diffusion 1.x's).
    private static let stableDiffusionDefaults = (
        channels: [320, 640, 1280, 1280],
        down: ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
        up: ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"]
    )

    /// A list of block types, each one of `allowed`, one per block.
    private static func blockTypes(_ config: ConfigObject, _ key: String, _ fallback: [String],
                                   allowed: [UNetBlockType], count: Int) throws -> [UNetBlockType] {
        let names = try config.strings(key, default: fallback)
        guard names.count == count else {
            throw DiffusionError(config.source, .malformed(key: key, "has \(names.count) entries but block_out_channels has \(count)"))
        }
        return try names.map { name in
            guard let type = UNetBlockType(rawValue: name), allowed.contains(type) else {
                throw DiffusionError(config.source, .unsupported(key: key, value: "\"\(name)\"",
                                                                  supported: allowed.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")))
            }
            return type
        }
    }

    /// Keys whose non-default values switch on diffusers features perf does not implement.
    private static func checkUnsupported(_ config: ConfigObject) throws {
        for key in ["class_embed_type", "num_class_embeds", "addition_embed_type", "addition_time_embed_dim",
                    "encoder_hid_dim", "encoder_hid_dim_type", "time_embedding_act_fn", "timestep_post_act",
                    "time_cond_proj_dim", "projection_class_embeddings_input_dim", "cross_attention_norm",
                    "reverse_transformer_layers_per_block"] {
            try config.requireNull(key)
        }
        try config.require("num_attention_heads", in: [.null],
                           supported: "null (diffusers reads the head count from attention_head_dim)")
        for key in ["dual_cross_attention", "resnet_skip_time_act", "class_embeddings_concat", "mid_block_only_cross_attention"] {
            try config.requireFalse(key)
        }
        if case .array(let flags) = config.members["only_cross_attention"] {
            guard flags.allSatisfy({ $0 == .bool(false) }) else {
                throw DiffusionError(config.source, .unsupported(key: "only_cross_attention", value: JSONValue.array(flags).description, supported: "false"))
            }
        } else {
            try config.requireFalse("only_cross_attention")
        }
        try config.require("act_fn", in: [.string("silu")], supported: "\"silu\"")
        try config.require("time_embedding_type", in: [.string("positional")], supported: "\"positional\"")
        try config.require("resnet_time_scale_shift", in: [.string("default")], supported: "\"default\"")
        try config.require("resnet_out_scale_factor", in: [.number(1)], supported: "1.0")
        try config.require("attention_type", in: [.string("default")], supported: "\"default\"")
    }

    /// Checks that channel counts split into groups and heads, and that kernels are odd.
    private func checkShapes(source: String) throws {
        for (key, kernel) in [("conv_in_kernel", convInKernel), ("conv_out_kernel", convOutKernel)] where kernel % 2 == 0 {
            throw DiffusionError(source, .unsupported(key: key, value: String(kernel), supported: "an odd kernel size"))
        }
        for channels in blockOutChannels where channels % normGroups != 0 {
            throw DiffusionError(source, .malformed(key: "norm_num_groups", "\(normGroups) groups do not divide \(channels) channels"))
        }
        for (block, channels) in blockOutChannels.enumerated() {
            let heads = attentionHeads[block]
            guard heads > 0, channels % heads == 0 else {
                throw DiffusionError(source, .malformed(key: "attention_head_dim", "\(heads) heads do not divide block \(block)'s \(channels) channels"))
            }
        }
        for (key, values) in [("layers_per_block", layersPerBlock), ("transformer_layers_per_block", transformerLayersPerBlock),
                              ("cross_attention_dim", crossAttentionDim)] where values.contains(where: { $0 < 1 }) {
            throw DiffusionError(source, .malformed(key: key, "every entry must be at least 1, found \(values)"))
        }
    }
}
