import PerfTensor

extension ResnetLayout {
    /// The block's forward: x [N, in, H, W] → [N, out, H, W]. `timeFeatures` is SiLU of the
    /// timestep embedding, [N, timeEmbeddingChannels] (nil in the VAE); its projection is
    /// added per channel after `conv1`.
    func forward(_ x: Tensor, timeFeatures: Tensor?, _ p: ModelParameters) -> Tensor {
        var h = p.groupNorm(x, "\(path).norm1", groups: groups, epsilon: epsilon).silu()
        h = p.conv(h, "\(path).conv1")
        if let timeFeatures, timeEmbeddingChannels != nil {
            let shift = p.linear(timeFeatures, "\(path).time_emb_proj")
            h = h + shift.reshaped([shift.shape[0], outChannels, 1, 1])
        }
        h = p.conv(p.groupNorm(h, "\(path).norm2", groups: groups, epsilon: epsilon).silu(), "\(path).conv2")
        let shortcut = hasShortcut ? p.conv(x, "\(path).conv_shortcut") : x
        let sum = shortcut + h
        return outputScale == 1 ? sum : sum * Float(1 / outputScale)
    }
}
