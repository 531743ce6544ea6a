import Foundation
import PerfTensor

/// A Stable Diffusion model loaded from a diffusers folder: tokenizer, text encoder, UNet,
/// optional VAE and the scheduler's configuration, ready to generate (as diffusers'
/// `StableDiffusionPipeline`, `generate`).
public struct StableDiffusion: Sendable {
    /// The model folder, its configurations checked.
    public let folder: ModelFolder
    /// The text encoder.
    public let textEncoder: CLIPTextEncoder
    /// The UNet.
    public let unet: UNet
    /// The VAE; nil for a model that denoises pictures directly.
    public let autoencoder: Autoencoder?

    /// Loads and checks every component of `folder`.
    public init(folder: ModelFolder) throws {
        self.folder = folder
        textEncoder = try CLIPTextEncoder(folder: folder)
        unet = try UNet(folder: folder)
        autoencoder = try Autoencoder(folder: folder)
        if autoencoder == nil, ![3, 4].contains(unet.config.outChannels) {
            throw DiffusionError(folder.url.appendingPathComponent("unet/config.json").path,
                                 .unsupported(key: "out_channels", value: String(unet.config.outChannels),
                                              supported: "3 or 4 for a model without a VAE (its samples are the pictures)"))
        }
    }

    /// Opens, checks and loads the model folder at `url`.
    public init(at url: URL) throws {
        try self.init(folder: ModelFolder(at: url))
    }

    /// The tokenizer.
    public var tokenizer: CLIPTokenizer { folder.tokenizer }

    /// The scheduler configuration.
    public var schedulerConfig: SchedulerConfig { folder.scheduler }

    /// The sampler `generate` uses when a request names none: the scheduler file's class when
    /// perf implements it, else DDIM.
    public var defaultSampler: SamplerKind {
        folder.scheduler.className.flatMap(SamplerKind.init(rawValue:)) ?? .ddim
    }

    /// Pixels per latent along each axis (1 without a VAE).
    public var downscale: Int { autoencoder?.config.downscale ?? 1 }

    /// Text states [prompts.count, maxLength, d] for `prompts`, tokenised as the pipelines do
    /// (padded and truncated to the tokenizer's `model_max_length`).
    public func encode(prompts: [String]) throws -> Tensor {
        try textEncoder(prompts.map(tokenizer.encode))
    }

    /// Pictures in [−1, 1] [N, C, H, W] for diffusion latents [N, C, h, w]: through the VAE's
    /// decoder (latents divided by the scaling factor first), or the latents themselves
    /// without a VAE.
    public func decode(latents: Tensor) throws -> Tensor {
        guard let autoencoder else { return latents }
        return try autoencoder.decode(autoencoder.unscaled(latents))
    }
}
