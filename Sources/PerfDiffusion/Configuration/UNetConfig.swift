/// The kinds of UNet block perf builds, named as diffusers names them in `unet/config.json`.
public enum UNetBlockType: String, Sendable, CaseIterable {
    /// Resnets, each followed by a cross-attention transformer, then a downsampler.
    case crossAttentionDown = "CrossAttnDownBlock2D"
    /// Resnets, then a downsampler.
    case down = "DownBlock2D"
    /// Resnet, cross-attention transformer, resnet.
    case crossAttentionMid = "UNetMidBlock2DCrossAttn"
    /// Resnets over the concatenated skip connections, then an upsampler.
    case up = "UpBlock2D"
    /// Resnets over the skip connections, each followed by a cross-attention transformer, then an upsampler.
    case crossAttentionUp = "CrossAttnUpBlock2D"

    /// Whether the block holds cross-attention transformers.
    public var hasCrossAttention: Bool {
        self == .crossAttentionDown || self == .crossAttentionMid || self == .crossAttentionUp
    }
}

/// `unet/config.json` of a `UNet2DConditionModel` (diffusers), reduced to the subset perf
/// implements (see the module documentation); per-block lists are already expanded, one
/// entry per down block, in down-block order.
public struct UNetConfig: Sendable, Equatable {
    /// Latent height and width the model was trained at (`sample_size`), if given.
    public var sampleSize: Int?
    /// Channels of the noisy latent input (`in_channels`).
    public var inChannels: Int
    /// Channels of the prediction (`out_channels`).
    public var outChannels: Int
    /// Whether the input is mapped by `2x - 1` first (`center_input_sample`).
    public var centerInputSample: Bool
    /// Whether the sinusoidal timestep embedding puts cosines first (`flip_sin_to_cos`).
    public var flipSinToCos: Bool
    /// The frequency shift of the sinusoidal timestep embedding (`freq_shift`).
    public var freqShift: Double
    /// The down blocks, outermost (highest resolution) first (`down_block_types`).
    public var downBlockTypes: [UNetBlockType]
    /// The middle block (`mid_block_type`); nil for a UNet without one.
    public var midBlockType: UNetBlockType?
    /// The up blocks, innermost (lowest resolution) first (`up_block_types`).
    public var upBlockTypes: [UNetBlockType]
    /// Output channels of each down block (`block_out_channels`).
    public var blockOutChannels: [Int]
    /// Resnets per down block; up blocks have one more (`layers_per_block`).
    public var layersPerBlock: [Int]
    /// Padding of the downsampling convolutions (`downsample_padding`).
    public var downsamplePadding: Int
    /// The middle block's output scale (`mid_block_scale_factor`).
    public var midBlockScaleFactor: Double
    /// Groups of every group normalisation (`norm_num_groups`).
    public var normGroups: Int
    /// Epsilon of the resnets' group normalisations (`norm_eps`); transformers use 1e-6.
    public var normEpsilon: Double
    /// Width of the text encoder states that cross-attention reads, per block (`cross_attention_dim`).
    public var crossAttentionDim: [Int]
    /// Transformer blocks in each `Transformer2DModel`, per block (`transformer_layers_per_block`).
    public var transformerLayersPerBlock: [Int]
    /// Attention heads per block: diffusers reads `attention_head_dim` as the number of heads.
    public var attentionHeads: [Int]
    /// Whether transformers project in and out with linear layers rather than 1×1 convolutions
    /// (`use_linear_projection`; Stable Diffusion 2 uses linear).
    public var useLinearProjection: Bool
    /// Whether attention scores are computed in float32 (`upcast_attention`); perf always
    /// computes in float32, so this changes nothing.
    public var upcastAttention: Bool
    /// Width of the timestep embedding (`time_embedding_dim`, else 4 × the first block's channels).
    public var timeEmbeddingDim: Int
    /// Kernel size of the input convolution (`conv_in_kernel`).
    public var convInKernel: Int
    /// Kernel size of the output convolution (`conv_out_kernel`).
    public var convOutKernel: Int
}
