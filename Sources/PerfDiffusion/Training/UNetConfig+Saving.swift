import Foundation

extension UNetConfig {
    /// `unet/config.json` as diffusers' `save_pretrained` writes it for this configuration:
    /// every key perf reads, with the values perf implements for the keys it only checks.
    var configFile: JSONValue {
        var members: [String: JSONValue] = [
            "_class_name": .string("UNet2DConditionModel"),
            "act_fn": .string("silu"),
            "attention_head_dim": .perBlock(attentionHeads),
            "attention_type": .string("default"),
            "block_out_channels": .array(blockOutChannels.map(JSONValue.int)),
            "center_input_sample": .bool(centerInputSample),
            "conv_in_kernel": .int(convInKernel),
            "conv_out_kernel": .int(convOutKernel),
            "cross_attention_dim": .perBlock(crossAttentionDim),
            "down_block_types": .strings(downBlockTypes.map(\.rawValue)),
            "downsample_padding": .int(downsamplePadding),
            "dual_cross_attention": .bool(false),
            "flip_sin_to_cos": .bool(flipSinToCos),
            "freq_shift": .number(freqShift),
            "in_channels": .int(inChannels),
            "layers_per_block": .perBlock(layersPerBlock),
            "mid_block_scale_factor": .number(midBlockScaleFactor),
            "mid_block_type": midBlockType.map { .string($0.rawValue) } ?? .null,
            "norm_eps": .number(normEpsilon),
            "norm_num_groups": .int(normGroups),
            "only_cross_attention": .bool(false),
            "out_channels": .int(outChannels),
            "resnet_time_scale_shift": .string("default"),
            "time_embedding_dim": .int(timeEmbeddingDim),
            "time_embedding_type": .string("positional"),
            "transformer_layers_per_block": .perBlock(transformerLayersPerBlock),
            "up_block_types": .strings(upBlockTypes.map(\.rawValue)),
            "upcast_attention": .bool(upcastAttention),
            "use_linear_projection": .bool(useLinearProjection),
        ]
        members["sample_size"] = sampleSize.map(JSONValue.int) ?? .null
        return .object(members)
    }
}
