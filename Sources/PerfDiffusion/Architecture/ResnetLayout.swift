/// One `ResnetBlock2D` (diffusers): GroupNorm → SiLU → 3×3 conv (+ time embedding projection)
/// → GroupNorm → SiLU → 3×3 conv, plus a 1×1 shortcut convolution when channels change;
/// the sum is divided by `outputScale`.
public struct ResnetLayout: Sendable, Equatable {
    /// The module path, e.g. `down_blocks.0.resnets.1`.
    public let path: String
    /// Input channels (in up blocks: the previous output plus the skip connection).
    public let inChannels: Int
    /// Output channels.
    public let outChannels: Int
    /// Width of the timestep embedding it adds after `conv1` (`time_emb_proj`); nil in the VAE.
    public let timeEmbeddingChannels: Int?
    /// Groups of both group normalisations.
    public let groups: Int
    /// Epsilon of both group normalisations.
    public let epsilon: Double
    /// The residual sum is divided by this (`output_scale_factor`).
    public let outputScale: Double

    /// Whether a 1×1 `conv_shortcut` maps the input to the output channels.
    public var hasShortcut: Bool { inChannels != outChannels }

    /// The block's tensors: norm1, conv1, time_emb_proj, norm2, conv2, conv_shortcut.
    public var tensors: [TensorSpec] {
        var list = TensorList()
        list.norm("\(path).norm1", channels: inChannels)
        list.conv("\(path).conv1", out: outChannels, in: inChannels, kernel: 3)
        if let timeEmbeddingChannels {
            list.linear("\(path).time_emb_proj", out: outChannels, in: timeEmbeddingChannels)
        }
        list.norm("\(path).norm2", channels: outChannels)
        list.conv("\(path).conv2", out: outChannels, in: outChannels, kernel: 3)
        if hasShortcut { list.conv("\(path).conv_shortcut", out: outChannels, in: inChannels, kernel: 1) }
        return list.specs
    }
}
