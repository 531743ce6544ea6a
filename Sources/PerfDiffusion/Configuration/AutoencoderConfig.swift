import Foundation

/// `vae/config.json` of a diffusers `AutoencoderKL` (DownEncoderBlock2D / UpDecoderBlock2D
/// blocks, a mid block with one attention, SiLU).
public struct AutoencoderConfig: Sendable, Equatable {
    /// Channels of the picture (`in_channels`).
    public var inChannels: Int
    /// Channels of the decoded picture (`out_channels`).
    public var outChannels: Int
    /// Channels of each encoder block, outermost first; the decoder mirrors them (`block_out_channels`).
    public var blockOutChannels: [Int]
    /// Resnets per encoder block; decoder blocks have one more (`layers_per_block`).
    public var layersPerBlock: Int
    /// Channels of the latent (`latent_channels`).
    public var latentChannels: Int
    /// Groups of every group normalisation (`norm_num_groups`); their epsilon is 1e-6.
    public var normGroups: Int
    /// Picture height and width the model was trained at (`sample_size`), if given.
    public var sampleSize: Int?
    /// Latents are `scalingFactor × (z − shiftFactor)` (`scaling_factor`).
    public var scalingFactor: Double
    /// See `scalingFactor` (`shift_factor`, 0 when absent).
    public var shiftFactor: Double
    /// Whether a 1×1 convolution follows the encoder (`use_quant_conv`).
    public var useQuantConv: Bool
    /// Whether a 1×1 convolution precedes the decoder (`use_post_quant_conv`).
    public var usePostQuantConv: Bool
    /// Whether the mid blocks hold a self-attention (`mid_block_add_attention`).
    public var midBlockAttention: Bool

    /// How much smaller latents are than pictures: 2^(blocks − 1).
    public var downscale: Int { 1 << (blockOutChannels.count - 1) }

    /// Reads `vae/config.json`.
    public init(contentsOf url: URL) throws {
        try self.init(ConfigObject.read(url, what: "the VAE configuration"))
    }

    /// Parses `config.json` content; `source` names it in errors.
    public init(data: Data, source: String) throws {
        try self.init(ConfigObject.parse(data, source: source))
    }

    init(_ config: ConfigObject) throws {
        try config.require("_class_name", in: [.null, .string("AutoencoderKL")], supported: "\"AutoencoderKL\"")
        try config.require("act_fn", in: [.string("silu")], supported: "\"silu\"")
        for key in ["latents_mean", "latents_std"] { try config.requireNull(key) }
        blockOutChannels = try config.ints("block_out_channels", default: [64])
        guard !blockOutChannels.isEmpty, blockOutChannels.allSatisfy({ $0 > 0 }) else {
            throw DiffusionError(config.source, .malformed(key: "block_out_channels", "needs at least one positive channel count"))
        }
        for (key, expected) in [("down_block_types", "DownEncoderBlock2D"), ("up_block_types", "UpDecoderBlock2D")] {
            let types = try config.strings(key, default: [expected])
            guard types.count == blockOutChannels.count else {
                throw DiffusionError(config.source, .malformed(key: key, "has \(types.count) entries but block_out_channels has \(blockOutChannels.count)"))
            }
            if let other = types.first(where: { $0 != expected }) {
                throw DiffusionError(config.source, .unsupported(key: key, value: "\"\(other)\"", supported: "\"\(expected)\""))
            }
        }
        inChannels = try config.int("in_channels", default: 3, atLeast: 1)
        outChannels = try config.int("out_channels", default: 3, atLeast: 1)
        layersPerBlock = try config.int("layers_per_block", default: 1, atLeast: 1)
        latentChannels = try config.int("latent_channels", default: 4, atLeast: 1)
        normGroups = try config.int("norm_num_groups", default: 32, atLeast: 1)
        sampleSize = try config.optionalInt("sample_size")
        scalingFactor = try config.double("scaling_factor", default: 0.18215)
        shiftFactor = try config.optionalDouble("shift_factor") ?? 0
        useQuantConv = try config.bool("use_quant_conv", default: true)
        usePostQuantConv = try config.bool("use_post_quant_conv", default: true)
        midBlockAttention = try config.bool("mid_block_add_attention", default: true)
        for channels in blockOutChannels where channels % normGroups != 0 {
            throw DiffusionError(config.source, .malformed(key: "norm_num_groups", "\(normGroups) groups do not divide \(channels) channels"))
        }
    }
}
