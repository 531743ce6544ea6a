import PerfTensor

/// The training loss of a base model (Ho et al. 2020, eq. 14, with the target of the
/// schedule's prediction type: v for §5's model, Salimans & Ho 2022): for pictures x₀ with
/// captions, noise ε and timesteps t, the mean squared error between the UNet's output for
/// x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε given the encoded captions, and the target (ε, v or x₀).
/// The text encoder and the UNet are both inputs, so gradients reach both.
public struct DenoisingObjective: Sendable {
    /// The UNet's module tree.
    public let layout: UNetLayout
    /// The text encoder's configuration.
    public let textEncoderConfig: CLIPTextConfig
    /// Tokenises the captions.
    public let tokenizer: CLIPTokenizer
    /// Noises pictures and gives the targets.
    public let scheduler: DDPMScheduler
    /// The caption words the tokenizer knows whole.
    public let vocabulary: WordVocabulary

    /// The objective of `model`.
    public init(_ model: BaseModel) throws {
        layout = model.unet.layout
        textEncoderConfig = model.textEncoder.config
        tokenizer = try model.tokenizer()
        scheduler = DDPMScheduler(model.schedulerConfig)
        vocabulary = model.vocabulary
    }

    /// The prefix of UNet weights in a flat parameter dictionary.
    public static let unetPrefix = "unet/"
    /// The prefix of text encoder weights in a flat parameter dictionary.
    public static let textEncoderPrefix = "text_encoder/"

    /// The loss, shape [], for `batch` under `draw`, with the weights `parameters` (the UNet's
    /// under `unet/`, the text encoder's under `text_encoder/`, tracked or not). Throws for a
    /// caption with a word outside the vocabulary or too long for the tokenizer.
    public func loss(_ parameters: [String: Tensor], batch: TrainingBatch, draw: TrainingDraw) throws -> Tensor {
        let count = batch.captions.count
        guard draw.timesteps.count == count, draw.emptied.count == count, draw.noise.count == batch.pixels.count else {
            throw DiffusionError("training", .invalidArgument("a draw of \(draw.timesteps.count) timesteps and \(draw.noise.count) noise values does not fit a batch of \(count) pictures of shape \(batch.pixels.shape)"))
        }
        let ids = try zip(batch.captions, draw.emptied).map { caption, emptied in try tokens(emptied ? "" : caption) }
        let unet = UNet(layout: layout, parameters: try Self.component(parameters, Self.unetPrefix, layout.tensors))
        let encoder = CLIPTextEncoder(config: textEncoderConfig,
                                      parameters: try Self.component(parameters, Self.textEncoderPrefix, textEncoderConfig.tensors))
        let original = batch.pixels.scalars
        let noisy = try scheduler.addNoise(original, noise: draw.noise, timesteps: draw.timesteps)
        let target = try scheduler.target(original, noise: draw.noise, timesteps: draw.timesteps)
        let prediction = try unet(Tensor(shape: batch.pixels.shape, scalars: noisy), timesteps: draw.timesteps.map(Float.init),
                                  context: try encoder(ids))
        return Tensor.mseLoss(prediction, Tensor(shape: batch.pixels.shape, scalars: target))
    }

    /// The model input ids of `caption`; throws for a word outside the vocabulary or a caption
    /// longer than the tokenizer's sequences.
    public func tokens(_ caption: String) throws -> [Int] {
        let unknown = vocabulary.unknownWords(in: caption)
        guard unknown.isEmpty else {
            throw DiffusionError("training data", .invalidArgument("the caption \"\(caption)\" has words outside the word list: \(unknown.joined(separator: ", ")); add them to the word list or fix the caption"))
        }
        let length = tokenizer.tokenIDs(caption).count + 2
        guard length <= tokenizer.maxLength else {
            throw DiffusionError("training data", .invalidArgument("the caption \"\(caption)\" makes \(length) tokens but the model reads \(tokenizer.maxLength); shorten it or train a model with longer captions"))
        }
        return tokenizer.encode(caption)
    }

    /// The weights under `prefix`, without it, checked against `expected`.
    static func component(_ parameters: [String: Tensor], _ prefix: String, _ expected: [TensorSpec]) throws -> ModelParameters {
        try ModelParameters(weights(parameters, under: prefix), expected: expected, source: String(prefix.dropLast()))
    }

    /// Every weight of a model with these configurations, named as `BaseModel.flatParameters` names them.
    static func flatSpecs(unet: UNetConfig, textEncoder: CLIPTextConfig) -> [TensorSpec] {
        UNetLayout(unet).tensors.map { TensorSpec(unetPrefix + $0.name, $0.shape) }
            + textEncoder.tensors.map { TensorSpec(textEncoderPrefix + $0.name, $0.shape) }
    }

    /// The tensors of `parameters` whose names start with `prefix`, named without it.
    static func weights(_ parameters: [String: Tensor], under prefix: String) -> [String: Tensor] {
        var tensors: [String: Tensor] = [:]
        for (name, tensor) in parameters where name.hasPrefix(prefix) {
            tensors[String(name.dropFirst(prefix.count))] = tensor
        }
        return tensors
    }
}
