import Foundation

/// The few numbers that shape a base model trained from scratch in pixel space (DESIGN §5),
/// from which the full diffusers and transformers configurations follow. The defaults are
/// §5's measured starting point: a UNet with block channels (32, 64, 64), one resnet per
/// block, cross-attention at the two lower levels and in the middle (about 1.7 M
/// parameters), a 2-layer, 64-wide CLIP text encoder, 32×32 RGB pictures, and a
/// v-prediction DDPM schedule rescaled to zero terminal SNR (Lin et al. 2023), sampled with
/// trailing timesteps.
public struct BaseModelArchitecture: Sendable, Equatable, Codable {
    /// Picture height and width in pixels (`sample_size`).
    public var pictureSize = 32
    /// Channels of each UNet level, outermost first (`block_out_channels`).
    public var channels = [32, 64, 64]
    /// Whether each level has cross-attention (CrossAttnDownBlock2D / CrossAttnUpBlock2D).
    public var crossAttention = [false, true, true]
    /// Resnets per down block (`layers_per_block`).
    public var layersPerBlock = 1
    /// Attention heads in every UNet transformer (`attention_head_dim`, as diffusers reads it).
    public var attentionHeads = 4
    /// Groups of every group normalisation (`norm_num_groups`).
    public var normGroups = 8
    /// Width of the text encoder (`hidden_size`, and the UNet's `cross_attention_dim`).
    public var textWidth = 64
    /// Transformer layers of the text encoder.
    public var textLayers = 2
    /// Attention heads of the text encoder.
    public var textHeads = 4
    /// Tokens per caption, start and end tokens included (`model_max_length`).
    public var maxTokens = 32
    /// Training timesteps of the noise schedule.
    public var trainTimesteps = 1000

    /// §5's architecture.
    public init() {}

    /// The UNet's configuration (3 channels in and out: no VAE).
    public func unetConfig() throws -> UNetConfig {
        guard crossAttention.count == channels.count else {
            throw DiffusionError("architecture", .invalidArgument("\(crossAttention.count) cross-attention switches for \(channels.count) UNet levels; give one per level"))
        }
        let scale = 1 << max(channels.count - 1, 0)
        guard pictureSize >= scale, pictureSize % scale == 0 else {
            throw DiffusionError("architecture", .invalidArgument("\(pictureSize)-pixel pictures do not halve \(channels.count - 1) times; use a multiple of \(scale)"))
        }
        let down = crossAttention.map { $0 ? UNetBlockType.crossAttentionDown : .down }
        let up = crossAttention.reversed().map { $0 ? UNetBlockType.crossAttentionUp : .up }
        let members: [String: JSONValue] = [
            "_class_name": .string("UNet2DConditionModel"),
            "sample_size": .int(pictureSize),
            "in_channels": .int(3),
            "out_channels": .int(3),
            "block_out_channels": .array(channels.map(JSONValue.int)),
            "down_block_types": .strings(down.map(\.rawValue)),
            "up_block_types": .strings(up.map(\.rawValue)),
            "layers_per_block": .int(layersPerBlock),
            "attention_head_dim": .int(attentionHeads),
            "norm_num_groups": .int(normGroups),
            "cross_attention_dim": .int(textWidth),
        ]
        return try UNetConfig(ConfigObject(source: "architecture", members: members))
    }

    /// The text encoder's configuration for `vocabulary` (its size and special token ids).
    public func textEncoderConfig(for vocabulary: WordVocabulary) throws -> CLIPTextConfig {
        guard maxTokens >= 2 else {
            throw DiffusionError("architecture", .invalidArgument("captions of \(maxTokens) tokens leave no room for text; use at least 3"))
        }
        let members: [String: JSONValue] = [
            "vocab_size": .int(vocabulary.count),
            "hidden_size": .int(textWidth),
            "intermediate_size": .int(4 * textWidth),
            "num_hidden_layers": .int(textLayers),
            "num_attention_heads": .int(textHeads),
            "max_position_embeddings": .int(maxTokens),
            "hidden_act": .string(CLIPActivation.quickGELU.rawValue),
            "bos_token_id": .int(vocabulary.startID),
            "eos_token_id": .int(vocabulary.endID),
            "pad_token_id": .int(vocabulary.endID),
        ]
        return try CLIPTextConfig(ConfigObject(source: "architecture", members: members))
    }

    /// The noise schedule and sampler settings: DDPM's linear betas (10⁻⁴ to 0.02) rescaled to
    /// zero terminal SNR, v-prediction, trailing timesteps, DDIM with x₀ clipped to the
    /// pictures' range [−1, 1] and a final ᾱ of 1.
    public func schedulerConfig() throws -> SchedulerConfig {
        let members: [String: JSONValue] = [
            "_class_name": .string("DDIMScheduler"),
            "num_train_timesteps": .int(trainTimesteps),
            "beta_start": .number(0.0001),
            "beta_end": .number(0.02),
            "beta_schedule": .string(BetaSchedule.linear.rawValue),
            "rescale_betas_zero_snr": .bool(true),
            "prediction_type": .string(PredictionType.vPrediction.rawValue),
            "timestep_spacing": .string(TimestepSpacing.trailing.rawValue),
            "clip_sample": .bool(true),
            "set_alpha_to_one": .bool(true),
            "steps_offset": .int(0),
        ]
        return try SchedulerConfig(ConfigObject(source: "architecture", members: members))
    }
}
