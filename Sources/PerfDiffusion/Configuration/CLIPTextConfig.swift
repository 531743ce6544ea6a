import Foundation

/// The activation of a CLIP text encoder's MLP (`hidden_act`).
public enum CLIPActivation: String, Sendable {
    /// `x · σ(1.702 x)`, OpenAI CLIP's (Stable Diffusion 1.x).
    case quickGELU = "quick_gelu"
    /// The exact, erf-based GELU (OpenCLIP, Stable Diffusion 2).
    case gelu
}

/// `text_encoder/config.json` of a transformers `CLIPTextModel`. transformers writes only the
/// keys that differ from its defaults, so absent keys take CLIPTextConfig's defaults.
public struct CLIPTextConfig: Sendable, Equatable {
    /// Rows of the token embedding (`vocab_size`).
    public var vocabSize: Int
    /// Width of every token state (`hidden_size`).
    public var hiddenSize: Int
    /// Width of the MLP's hidden layer (`intermediate_size`).
    public var intermediateSize: Int
    /// Transformer layers (`num_hidden_layers`).
    public var layers: Int
    /// Attention heads per layer (`num_attention_heads`).
    public var attentionHeads: Int
    /// Rows of the position embedding: the longest input (`max_position_embeddings`).
    public var maxPositionEmbeddings: Int
    /// The MLP's activation (`hidden_act`).
    public var activation: CLIPActivation
    /// Epsilon of every layer normalisation (`layer_norm_eps`).
    public var layerNormEpsilon: Double
    /// Padding token id (`pad_token_id`).
    public var padTokenID: Int
    /// Start-of-text token id (`bos_token_id`).
    public var bosTokenID: Int
    /// End-of-text token id (`eos_token_id`); transformers pools at its first occurrence
    /// (or, for the legacy value 2, at the largest id).
    public var eosTokenID: Int

    /// Width of one attention head.
    public var headDim: Int { hiddenSize / attentionHeads }

    /// Reads `text_encoder/config.json`.
    public init(contentsOf url: URL) throws {
        try self.init(ConfigObject.read(url, what: "the text encoder configuration"))
    }

    /// Parses `config.json` content; `source` names it in errors.
    public init(data: Data, source: String) throws {
        try self.init(ConfigObject.parse(data, source: source))
    }

    init(_ config: ConfigObject) throws {
        if config.value("architectures") != nil,
           let unsupported = try config.strings("architectures").first(where: { !["CLIPTextModel", "CLIPTextModelWithProjection"].contains($0) }) {
            throw DiffusionError(config.source, .unsupported(key: "architectures", value: "\"\(unsupported)\"",
                                                              supported: "\"CLIPTextModel\", \"CLIPTextModelWithProjection\""))
        }
        try config.require("model_type", in: [.null, .string("clip_text_model")], supported: "\"clip_text_model\"")
        vocabSize = try config.int("vocab_size", default: 49408, atLeast: 1)
        hiddenSize = try config.int("hidden_size", default: 512, atLeast: 1)
        intermediateSize = try config.int("intermediate_size", default: 2048, atLeast: 1)
        layers = try config.int("num_hidden_layers", default: 12, atLeast: 1)
        attentionHeads = try config.int("num_attention_heads", default: 8, atLeast: 1)
        maxPositionEmbeddings = try config.int("max_position_embeddings", default: 77, atLeast: 1)
        let act = try config.string("hidden_act", default: CLIPActivation.quickGELU.rawValue)
        guard let activation = CLIPActivation(rawValue: act) else {
            throw DiffusionError(config.source, .unsupported(key: "hidden_act", value: "\"\(act)\"", supported: "\"quick_gelu\", \"gelu\""))
        }
        self.activation = activation
        layerNormEpsilon = try config.double("layer_norm_eps", default: 1e-5)
        padTokenID = try config.int("pad_token_id", default: 1)
        bosTokenID = try config.int("bos_token_id", default: 49406)
        eosTokenID = try config.int("eos_token_id", default: 49407)
        guard hiddenSize % attentionHeads == 0 else {
            throw DiffusionError(config.source, .malformed(key: "num_attention_heads",
                                                           "\(attentionHeads) heads do not divide hidden_size \(hiddenSize)"))
        }
    }
}
