import PerfTensor

extension AutoencoderBlockLayout {
    /// An encoder block (resnets, then a 3×3 stride-2 convolution over the input padded by one
    /// row and column at the bottom and right) or a decoder block (resnets, then nearest ×2
    /// and a 3×3 convolution): [N, C, H, W] → [N, C', H', W'].
    func forward(_ x: Tensor, _ p: ModelParameters) -> Tensor {
        var x = x
        for resnet in resnets { x = resnet.forward(x, timeFeatures: nil, p) }
        guard let path = resamplerPath else { return x }
        if downsamples {
            let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
            let right = Tensor.concat([x, Tensor.zeros([n, c, h, 1])], axis: 3)
            let padded = Tensor.concat([right, Tensor.zeros([n, c, 1, w + 1])], axis: 2)
            return p.conv(padded, path, stride: 2, padding: 0)
        }
        return p.conv(x.upsampledNearest(scale: 2), path)
    }
}

extension AutoencoderMidLayout {
    /// Resnet, single-head self-attention over all positions (with biases, residual), resnet.
    func forward(_ x: Tensor, _ p: ModelParameters) -> Tensor {
        var x = resnets[0].forward(x, timeFeatures: nil, p)
        if let path = attentionPath {
            let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
            let normed = p.groupNorm(x, "\(path).group_norm", groups: groups, epsilon: AutoencoderLayout.epsilon)
            let tokens = normed.reshaped([n, c, h * w]).permuted([0, 2, 1])
            let attended = Tensor.attention(query: p.linear(tokens, "\(path).to_q"), key: p.linear(tokens, "\(path).to_k"),
                                            value: p.linear(tokens, "\(path).to_v"), heads: 1)
            let projected = p.linear(attended, "\(path).to_out.0")
            x = projected.permuted([0, 2, 1]).reshaped([n, c, h, w]) + x
        }
        return resnets[1].forward(x, timeFeatures: nil, p)
    }
}
