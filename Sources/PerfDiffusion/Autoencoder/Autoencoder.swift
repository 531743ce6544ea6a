import PerfTensor

/// diffusers' `AutoencoderKL` (Kingma & Welling 2014; Rombach et al. 2022, §3): the encoder
/// maps a picture to a diagonal Gaussian over latents, the decoder maps latents back to a
/// picture. Pictures are [N, C, H, W] in [−1, 1]; latents are H/`downscale` by W/`downscale`.
/// The module tree is `AutoencoderLayout`'s.
public struct Autoencoder: Sendable {
    /// The module tree (and configuration).
    public let layout: AutoencoderLayout
    /// The weights, named as diffusers names them.
    public let parameters: ModelParameters

    /// An autoencoder over `parameters`, which must hold every tensor of `layout.tensors`.
    public init(layout: AutoencoderLayout, parameters: ModelParameters) {
        self.layout = layout
        self.parameters = parameters
    }

    /// The VAE of a model folder, its weights read and checked; nil for a model without one.
    public init?(folder: ModelFolder) throws {
        guard let layout = folder.vaeLayout else { return nil }
        try self.init(layout: layout, parameters: folder.loadWeights(.vae).parameters(expected: layout.tensors))
    }

    /// The configuration.
    public var config: AutoencoderConfig { layout.config }

    /// The posterior over latents for `picture` [N, inChannels, H, W] (H, W multiples of
    /// `downscale`), as `vae.encode(x).latent_dist` gives it (unscaled latents).
    public func encode(_ picture: Tensor) throws -> LatentDistribution {
        let scale = config.downscale
        guard picture.rank == 4, picture.shape[1] == config.inChannels, picture.shape[0] >= 1,
              picture.shape[2] >= scale, picture.shape[3] >= scale,
              picture.shape[2] % scale == 0, picture.shape[3] % scale == 0 else {
            throw DiffusionError("vae", .invalidArgument("a picture of shape \(picture.shape) is not [batch, \(config.inChannels), height, width] with height and width multiples of \(scale)"))
        }
        let p = parameters
        let channels = config.blockOutChannels
        var x = p.conv(picture, "encoder.conv_in")
        for block in layout.encoderBlocks { x = block.forward(x, p) }
        x = layout.encoderMid.forward(x, p)
        x = p.groupNorm(x, "encoder.conv_norm_out", groups: config.normGroups, epsilon: AutoencoderLayout.epsilon).silu()
        x = p.conv(x, "encoder.conv_out")
        if config.useQuantConv { x = p.conv(x, "quant_conv") }
        let latent = config.latentChannels
        precondition(channels.count >= 1 && x.shape[1] == 2 * latent, "Autoencoder: encoder made \(x.shape[1]) channels")
        return LatentDistribution(mean: x.slice(axis: 1, 0 ..< latent), logVariance: x.slice(axis: 1, latent ..< 2 * latent))
    }

    /// The picture [N, outChannels, H, W] (about [−1, 1]) for unscaled latents [N, latentChannels, h, w],
    /// as `vae.decode(z).sample` gives it.
    public func decode(_ latents: Tensor) throws -> Tensor {
        guard latents.rank == 4, latents.shape[1] == config.latentChannels, latents.shape[0] >= 1,
              latents.shape[2] >= 1, latents.shape[3] >= 1 else {
            throw DiffusionError("vae", .invalidArgument("latents of shape \(latents.shape) are not [batch, \(config.latentChannels), height, width]"))
        }
        let p = parameters
        var x = config.usePostQuantConv ? p.conv(latents, "post_quant_conv") : latents
        x = p.conv(x, "decoder.conv_in")
        x = layout.decoderMid.forward(x, p)
        for block in layout.decoderBlocks { x = block.forward(x, p) }
        x = p.groupNorm(x, "decoder.conv_norm_out", groups: config.normGroups, epsilon: AutoencoderLayout.epsilon).silu()
        return p.conv(x, "decoder.conv_out")
    }

    /// Diffusion latents (scaled: `scalingFactor · (z − shiftFactor)`) from unscaled ones.
    public func scaled(_ latents: Tensor) -> Tensor {
        (latents - Float(config.shiftFactor)) * Float(config.scalingFactor)
    }

    /// Unscaled latents (what `decode` reads) from diffusion latents.
    public func unscaled(_ latents: Tensor) -> Tensor {
        latents * Float(1 / config.scalingFactor) + Float(config.shiftFactor)
    }
}
