/// One encoder or decoder block of an `AutoencoderKL`: resnets without timestep input, then
/// a downsampler (3×3 stride 2, padded only right and bottom by one) or a nearest-×2 upsampler
/// followed by a 3×3 convolution.
public struct AutoencoderBlockLayout: Sendable, Equatable {
    /// The module path, e.g. `encoder.down_blocks.0`.
    public let path: String
    /// The resnets, in order.
    public let resnets: [ResnetLayout]
    /// Channels of the resampling convolution; nil for the innermost block.
    public let resamplerChannels: Int?
    /// Whether the block downsamples (encoder) rather than upsamples (decoder).
    public let downsamples: Bool

    /// `path.downsamplers.0.conv` or `path.upsamplers.0.conv`, if the block resamples.
    public var resamplerPath: String? {
        guard resamplerChannels != nil else { return nil }
        return downsamples ? "\(path).downsamplers.0.conv" : "\(path).upsamplers.0.conv"
    }
}

/// The middle of the encoder or decoder: resnet, single-head self-attention over all
/// positions (GroupNorm ε 1e-6, `to_q`/`to_k`/`to_v`/`to_out.0` with biases, residual), resnet.
public struct AutoencoderMidLayout: Sendable, Equatable {
    /// `encoder.mid_block` or `decoder.mid_block`.
    public let path: String
    /// The two resnets.
    public let resnets: [ResnetLayout]
    /// The attention's module path (`path.attentions.0`), nil when the config turns it off.
    public let attentionPath: String?
    /// Channels (also the attention's single head width).
    public let channels: Int
    /// Groups of the attention's group normalisation.
    public let groups: Int
}

/// The module tree of an `AutoencoderKL` as diffusers builds it. Encoder: conv_in → down
/// blocks → mid → GroupNorm, SiLU, conv_out to 2 × latent channels (mean, log-variance) →
/// quant_conv. Decoder: post_quant_conv → conv_in → mid → up blocks → GroupNorm, SiLU, conv_out.
/// Every group normalisation uses ε 1e-6.
public struct AutoencoderLayout: Sendable, Equatable {
    /// The configuration the layout follows.
    public let config: AutoencoderConfig
    /// Encoder blocks, outermost first.
    public let encoderBlocks: [AutoencoderBlockLayout]
    /// The encoder's middle.
    public let encoderMid: AutoencoderMidLayout
    /// The decoder's middle.
    public let decoderMid: AutoencoderMidLayout
    /// Decoder blocks, innermost first.
    public let decoderBlocks: [AutoencoderBlockLayout]

    /// Group-norm epsilon everywhere in the autoencoder.
    public static let epsilon = 1e-6

    /// Lays out the autoencoder that `config` describes.
    public init(_ config: AutoencoderConfig) {
        self.config = config
        let channels = config.blockOutChannels
        let count = channels.count
        func resnet(_ path: String, _ input: Int, _ output: Int) -> ResnetLayout {
            ResnetLayout(path: path, inChannels: input, outChannels: output, timeEmbeddingChannels: nil,
                         groups: config.normGroups, epsilon: Self.epsilon, outputScale: 1)
        }
        func mid(_ path: String) -> AutoencoderMidLayout {
            let last = channels[count - 1]
            return AutoencoderMidLayout(path: path, resnets: (0..<2).map { resnet("\(path).resnets.\($0)", last, last) },
                                        attentionPath: config.midBlockAttention ? "\(path).attentions.0" : nil,
                                        channels: last, groups: config.normGroups)
        }
        var output = channels[0]
        encoderBlocks = channels.indices.map { i in
            let input = output
            output = channels[i]
            let path = "encoder.down_blocks.\(i)"
            return AutoencoderBlockLayout(path: path,
                                          resnets: (0..<config.layersPerBlock).map { j in resnet("\(path).resnets.\(j)", j == 0 ? input : channels[i], channels[i]) },
                                          resamplerChannels: i == count - 1 ? nil : channels[i], downsamples: true)
        }
        encoderMid = mid("encoder.mid_block")
        decoderMid = mid("decoder.mid_block")
        let reversed = Array(channels.reversed())
        output = reversed[0]
        decoderBlocks = reversed.indices.map { i in
            let previous = output
            output = reversed[i]
            let path = "decoder.up_blocks.\(i)"
            return AutoencoderBlockLayout(path: path,
                                          resnets: (0...config.layersPerBlock).map { j in resnet("\(path).resnets.\(j)", j == 0 ? previous : reversed[i], reversed[i]) },
                                          resamplerChannels: i == count - 1 ? nil : reversed[i], downsamples: false)
        }
    }

    /// Every parameter of the autoencoder with its shape, as diffusers names them.
    public var tensors: [TensorSpec] {
        var list = TensorList()
        let channels = config.blockOutChannels
        let latent = config.latentChannels
        list.conv("encoder.conv_in", out: channels[0], in: config.inChannels, kernel: 3)
        for block in encoderBlocks { append(block, to: &list) }
        append(encoderMid, to: &list)
        list.norm("encoder.conv_norm_out", channels: channels[channels.count - 1])
        list.conv("encoder.conv_out", out: 2 * latent, in: channels[channels.count - 1], kernel: 3)
        if config.useQuantConv { list.conv("quant_conv", out: 2 * latent, in: 2 * latent, kernel: 1) }
        if config.usePostQuantConv { list.conv("post_quant_conv", out: latent, in: latent, kernel: 1) }
        list.conv("decoder.conv_in", out: channels[channels.count - 1], in: latent, kernel: 3)
        append(decoderMid, to: &list)
        for block in decoderBlocks { append(block, to: &list) }
        list.norm("decoder.conv_norm_out", channels: channels[0])
        list.conv("decoder.conv_out", out: config.outChannels, in: channels[0], kernel: 3)
        return list.specs
    }

    private func append(_ block: AutoencoderBlockLayout, to list: inout TensorList) {
        for resnet in block.resnets { list.append(resnet.tensors) }
        if let channels = block.resamplerChannels, let path = block.resamplerPath {
            list.conv(path, out: channels, in: channels, kernel: 3)
        }
    }

    private func append(_ mid: AutoencoderMidLayout, to list: inout TensorList) {
        list.append(mid.resnets[0].tensors)
        if let path = mid.attentionPath {
            list.norm("\(path).group_norm", channels: mid.channels)
            for projection in ["to_q", "to_k", "to_v", "to_out.0"] {
                list.linear("\(path).\(projection)", out: mid.channels, in: mid.channels)
            }
        }
        list.append(mid.resnets[1].tensors)
    }
}
