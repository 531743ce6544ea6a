import Foundation

/// A Stable Diffusion model folder in diffusers layout, its configurations read and checked:
/// `model_index.json`, `text_encoder/config.json`, `tokenizer/`, `unet/config.json`,
/// `scheduler/scheduler_config.json` and, if the index lists it, `vae/config.json`. Opening a
/// folder checks every configuration and that the parts fit together; weights are read and
/// checked against the configurations by `loadWeights`.
public struct ModelFolder: Sendable {
    /// The folder.
    public let url: URL
    /// `model_index.json`.
    public let index: ModelIndex
    /// `text_encoder/config.json`.
    public let textEncoder: CLIPTextConfig
    /// The tokenizer of `tokenizer/`.
    public let tokenizer: CLIPTokenizer
    /// `unet/config.json`.
    public let unet: UNetConfig
    /// `vae/config.json`, nil for a model without a VAE.
    public let vae: AutoencoderConfig?
    /// `scheduler/scheduler_config.json`.
    public let scheduler: SchedulerConfig

    /// Opens and checks the model folder at `url`.
    public init(at url: URL) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw DiffusionError(url.path, .missingFile(what: "the model folder"))
        }
        self.url = url
        index = try ModelIndex(contentsOf: url.appendingPathComponent("model_index.json"))
        textEncoder = try CLIPTextConfig(contentsOf: url.appendingPathComponent("text_encoder/config.json"))
        tokenizer = try CLIPTokenizer(folder: url.appendingPathComponent("tokenizer"))
        unet = try UNetConfig(contentsOf: url.appendingPathComponent("unet/config.json"))
        vae = index.components["vae"] == nil ? nil : try AutoencoderConfig(contentsOf: url.appendingPathComponent("vae/config.json"))
        scheduler = try SchedulerConfig(contentsOf: url.appendingPathComponent("scheduler/scheduler_config.json"))
        try checkConsistency()
    }

    /// The UNet's module tree.
    public var unetLayout: UNetLayout { UNetLayout(unet) }

    /// The VAE's module tree, if the model has a VAE.
    public var vaeLayout: AutoencoderLayout? { vae.map(AutoencoderLayout.init) }

    /// The tensors `component`'s configuration implies, in module order (none for an absent VAE).
    public func expectedTensors(_ component: ModelComponent) -> [TensorSpec] {
        switch component {
        case .textEncoder: textEncoder.tensors
        case .unet: unetLayout.tensors
        case .vae: vaeLayout?.tensors ?? []
        }
    }

    /// Checks that the components belong together: the UNet reads text states as wide as
    /// the text encoder writes, latents as deep as the VAE makes, and the tokenizer's ids and
    /// lengths fit the text encoder's embeddings.
    private func checkConsistency() throws {
        let unetFile = url.appendingPathComponent("unet/config.json").path
        let textFile = url.appendingPathComponent("text_encoder/config.json").path
        if let width = unet.crossAttentionDim.first(where: { $0 != textEncoder.hiddenSize }) {
            throw DiffusionError(unetFile, .mismatch(key: "cross_attention_dim",
                                                     "the UNet reads text states of width \(width) but \(textFile) has hidden_size \(textEncoder.hiddenSize)"))
        }
        if let vae {
            let vaeFile = url.appendingPathComponent("vae/config.json").path
            guard vae.latentChannels == unet.inChannels, vae.latentChannels == unet.outChannels else {
                throw DiffusionError(vaeFile, .mismatch(key: "latent_channels",
                                                        "the VAE makes \(vae.latentChannels)-channel latents but \(unetFile) has in_channels \(unet.inChannels), out_channels \(unet.outChannels)"))
            }
        }
        let tokenizerFile = url.appendingPathComponent("tokenizer/tokenizer_config.json").path
        guard tokenizer.maxLength <= textEncoder.maxPositionEmbeddings else {
            throw DiffusionError(tokenizerFile, .mismatch(key: "model_max_length",
                                                          "the tokenizer makes \(tokenizer.maxLength) tokens but \(textFile) has max_position_embeddings \(textEncoder.maxPositionEmbeddings)"))
        }
        let largest = max(tokenizer.vocabulary.values.max() ?? 0, tokenizer.addedTokens.map(\.id).max() ?? 0)
        guard largest < textEncoder.vocabSize else {
            throw DiffusionError(textFile, .mismatch(key: "vocab_size",
                                                     "the tokenizer has token id \(largest) but the text encoder embeds only \(textEncoder.vocabSize) tokens"))
        }
    }
}
