import Foundation
import PerfTensor

/// A pixel-space base model in memory, as `perf base train` makes it (DESIGN §5): its UNet
/// and text encoder (configurations and weights, named as diffusers and transformers name
/// them), its scheduler settings and the word vocabulary its tokenizer is built from.
/// `write(to:)` saves it as a diffusers folder that `StableDiffusion` (and diffusers) loads.
public struct BaseModel: Sendable {
    /// The UNet.
    public let unet: UNet
    /// The text encoder.
    public let textEncoder: CLIPTextEncoder
    /// The noise schedule and sampler settings.
    public let schedulerConfig: SchedulerConfig
    /// The vocabulary of the tokenizer.
    public let vocabulary: WordVocabulary

    /// A model over the given weights; throws unless the parts fit together (the UNet reads
    /// the text encoder's width, sees and predicts RGB pixels, the text encoder embeds the
    /// vocabulary's ids) and every tensor is present with its shape.
    public init(unetConfig: UNetConfig, textEncoderConfig: CLIPTextConfig, schedulerConfig: SchedulerConfig,
                vocabulary: WordVocabulary, unetWeights: [String: Tensor], textEncoderWeights: [String: Tensor]) throws {
        guard unetConfig.crossAttentionDim.allSatisfy({ $0 == textEncoderConfig.hiddenSize }) else {
            throw DiffusionError("base model", .mismatch(key: "cross_attention_dim", "the UNet reads text states of width \(unetConfig.crossAttentionDim) but the text encoder is \(textEncoderConfig.hiddenSize) wide"))
        }
        guard unetConfig.inChannels == 3, unetConfig.outChannels == 3 else {
            throw DiffusionError("base model", .mismatch(key: "in_channels", "a pixel-space base model sees and predicts 3 channels, not \(unetConfig.inChannels) and \(unetConfig.outChannels)"))
        }
        guard textEncoderConfig.vocabSize >= vocabulary.count, textEncoderConfig.bosTokenID == vocabulary.startID,
              textEncoderConfig.eosTokenID == vocabulary.endID else {
            throw DiffusionError("base model", .mismatch(key: "vocab_size", "the text encoder (\(textEncoderConfig.vocabSize) tokens, start \(textEncoderConfig.bosTokenID), end \(textEncoderConfig.eosTokenID)) does not embed the word vocabulary (\(vocabulary.count) tokens, start \(vocabulary.startID), end \(vocabulary.endID))"))
        }
        let layout = UNetLayout(unetConfig)
        unet = UNet(layout: layout, parameters: try ModelParameters(unetWeights, expected: layout.tensors, source: "unet"))
        textEncoder = CLIPTextEncoder(config: textEncoderConfig,
                                      parameters: try ModelParameters(textEncoderWeights, expected: textEncoderConfig.tensors,
                                                                      source: "text_encoder"))
        self.schedulerConfig = schedulerConfig
        self.vocabulary = vocabulary
    }

    /// A freshly initialised model (seeded; see `ParameterInitialization`): the UNet as
    /// PyTorch builds its modules, the text encoder as transformers' CLIPTextModel does.
    public static func initialized(unetConfig: UNetConfig, textEncoderConfig: CLIPTextConfig, schedulerConfig: SchedulerConfig,
                                   vocabulary: WordVocabulary, seed: UInt64) throws -> BaseModel {
        try BaseModel(unetConfig: unetConfig, textEncoderConfig: textEncoderConfig, schedulerConfig: schedulerConfig,
                      vocabulary: vocabulary,
                      unetWeights: ParameterInitialization.pytorchDefaults(UNetLayout(unetConfig).tensors, seed: seed),
                      textEncoderWeights: ParameterInitialization.clipText(textEncoderConfig.tensors, config: textEncoderConfig,
                                                                           seed: ~seed))
    }

    /// A freshly initialised model of `architecture` for `vocabulary`.
    public static func initialized(_ architecture: BaseModelArchitecture, vocabulary: WordVocabulary, seed: UInt64) throws -> BaseModel {
        try initialized(unetConfig: architecture.unetConfig(), textEncoderConfig: architecture.textEncoderConfig(for: vocabulary),
                        schedulerConfig: architecture.schedulerConfig(), vocabulary: vocabulary, seed: seed)
    }

    /// The same model with other weights of the same names and shapes.
    public func replacingWeights(unet unetWeights: [String: Tensor], textEncoder textEncoderWeights: [String: Tensor]) throws -> BaseModel {
        try BaseModel(unetConfig: unet.config, textEncoderConfig: textEncoder.config, schedulerConfig: schedulerConfig,
                      vocabulary: vocabulary, unetWeights: unetWeights, textEncoderWeights: textEncoderWeights)
    }

    /// The tokenizer: sequences of `max_position_embeddings` ids.
    public func tokenizer() throws -> CLIPTokenizer {
        try vocabulary.tokenizer(maxLength: textEncoder.config.maxPositionEmbeddings)
    }

    /// The number of weights, UNet and text encoder together.
    public var parameterCount: Int {
        [unet.parameters, textEncoder.parameters].reduce(0) { total, weights in total + weights.tensors.values.reduce(0) { $0 + $1.count } }
    }
}
