/// One UNet block: its resnets, the transformers that follow them (cross-attention blocks
/// only; `transformers[i]` follows `resnets[i]`), and its resampling convolution.
public struct UNetBlockLayout: Sendable, Equatable {
    /// The block's kind.
    public let type: UNetBlockType
    /// The module path: `down_blocks.i`, `mid_block` or `up_blocks.i`.
    public let path: String
    /// The resnets, in order.
    public let resnets: [ResnetLayout]
    /// The transformers, in order (in the mid block: between resnets 0 and 1).
    public let transformers: [TransformerLayout]
    /// Channels of the 3×3 stride-2 downsampler (`downsamplers.0.conv`) or nearest-×2
    /// upsampler (`upsamplers.0.conv`) closing the block; nil for none.
    public let resamplerChannels: Int?

    /// The module path of the resampling convolution, if the block has one.
    public var resamplerPath: String? {
        guard resamplerChannels != nil else { return nil }
        return type == .up || type == .crossAttentionUp ? "\(path).upsamplers.0.conv" : "\(path).downsamplers.0.conv"
    }
}

/// The module tree of a `UNet2DConditionModel` as diffusers builds it from its config: every
/// block's channels, the skip connections' widths folded into the up blocks' resnets, and the
/// module path of every layer, so that the forward pass and the weight check agree on names.
///
/// Forward (diffusers): sinusoidal timestep features of width `blockOutChannels[0]` →
/// `time_embedding` (linear_1, SiLU, linear_2) → conv_in → down blocks (each resnet and
/// transformer output, and each downsampler output, is pushed as a skip) → mid block
/// (scaled by `midBlockScaleFactor`) → up blocks (each resnet first concatenates the latest
/// skip on the channel axis) → conv_norm_out, SiLU, conv_out.
public struct UNetLayout: Sendable, Equatable {
    /// The configuration the layout follows.
    public let config: UNetConfig
    /// The down blocks, highest resolution first.
    public let down: [UNetBlockLayout]
    /// The middle block, if any.
    public let mid: UNetBlockLayout?
    /// The up blocks, lowest resolution first.
    public let up: [UNetBlockLayout]

    /// Lays out the UNet that `config` describes.
    public init(_ config: UNetConfig) {
        self.config = config
        let channels = config.blockOutChannels
        let count = channels.count
        var down: [UNetBlockLayout] = []
        var output = channels[0]
        for (i, type) in config.downBlockTypes.enumerated() {
            let input = output
            output = channels[i]
            let path = "down_blocks.\(i)"
            let resnets = (0..<config.layersPerBlock[i]).map { j in
                Self.resnet(config, "\(path).resnets.\(j)", in: j == 0 ? input : output, out: output)
            }
            let transformers = type.hasCrossAttention
                ? (0..<resnets.count).map { j in Self.transformer(config, "\(path).attentions.\(j)", channels: output, block: i) }
                : []
            down.append(UNetBlockLayout(type: type, path: path, resnets: resnets, transformers: transformers,
                                        resamplerChannels: i == count - 1 ? nil : output))
        }
        self.down = down
        let last = channels[count - 1]
        mid = config.midBlockType.map { type in
            UNetBlockLayout(type: type, path: "mid_block",
                            resnets: (0..<2).map { Self.resnet(config, "mid_block.resnets.\($0)", in: last, out: last, scale: config.midBlockScaleFactor) },
                            transformers: [Self.transformer(config, "mid_block.attentions.0", channels: last, block: count - 1)],
                            resamplerChannels: nil)
        }
        var up: [UNetBlockLayout] = []
        let reversed = Array(channels.reversed())
        output = reversed[0]
        for (i, type) in config.upBlockTypes.enumerated() {
            let previous = output
            output = reversed[i]
            let input = reversed[min(i + 1, count - 1)]
            let block = count - 1 - i
            let path = "up_blocks.\(i)"
            let layers = config.layersPerBlock[block] + 1
            let resnets = (0..<layers).map { j in
                let skip = j == layers - 1 ? input : output
                return Self.resnet(config, "\(path).resnets.\(j)", in: (j == 0 ? previous : output) + skip, out: output)
            }
            let transformers = type.hasCrossAttention
                ? (0..<layers).map { j in Self.transformer(config, "\(path).attentions.\(j)", channels: output, block: block) }
                : []
            up.append(UNetBlockLayout(type: type, path: path, resnets: resnets, transformers: transformers,
                                      resamplerChannels: i == count - 1 ? nil : output))
        }
        self.up = up
    }

    /// Every block, in forward order: down, mid, up.
    public var blocks: [UNetBlockLayout] { down + (mid.map { [$0] } ?? []) + up }

    /// Every cross-attention module, in forward order (Stable Diffusion 1.5 has 16).
    public var crossAttentions: [CrossAttentionLayer] {
        blocks.flatMap { $0.transformers.flatMap(\.crossAttentions) }
    }

    private static func resnet(_ config: UNetConfig, _ path: String, in input: Int, out: Int, scale: Double = 1) -> ResnetLayout {
        ResnetLayout(path: path, inChannels: input, outChannels: out, timeEmbeddingChannels: config.timeEmbeddingDim,
                     groups: config.normGroups, epsilon: config.normEpsilon, outputScale: scale)
    }

    /// A transformer with the per-block settings of down block `block` (up blocks use their mirror).
    private static func transformer(_ config: UNetConfig, _ path: String, channels: Int, block: Int) -> TransformerLayout {
        TransformerLayout(path: path, channels: channels, heads: config.attentionHeads[block],
                          depth: config.transformerLayersPerBlock[block], contextDim: config.crossAttentionDim[block],
                          linearProjection: config.useLinearProjection, groups: config.normGroups)
    }
}
