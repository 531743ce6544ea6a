import PerfTensor

extension TransformerLayout {
    /// The `Transformer2DModel` forward: x [B, C, H, W] and text states `context` [B, T, d]
    /// → [B, C, H, W]. Cross-attention keys and values pass through `editor` when given.
    func forward(_ x: Tensor, context: Tensor, editor: (any CrossAttentionEditor)?, _ p: ModelParameters) -> Tensor {
        let (batch, height, width) = (x.shape[0], x.shape[2], x.shape[3])
        let normed = p.groupNorm(x, "\(path).norm", groups: groups, epsilon: 1e-6)
        // proj_in as a 1×1 convolution equals a linear layer on each pixel's channels.
        var tokens = normed.reshaped([batch, channels, height * width]).permuted([0, 2, 1])
        tokens = linearProjection ? p.linear(tokens, "\(path).proj_in") : p.pointwise(tokens, "\(path).proj_in")
        for (block, crossAttention) in crossAttentions.enumerated() {
            tokens = transformerBlock(tokens, "\(path).transformer_blocks.\(block)", crossAttention: crossAttention,
                                      context: context, editor: editor, p)
        }
        tokens = linearProjection ? p.linear(tokens, "\(path).proj_out") : p.pointwise(tokens, "\(path).proj_out")
        return tokens.permuted([0, 2, 1]).reshaped([batch, channels, height, width]) + x
    }

    /// One `BasicTransformerBlock` on tokens [B, N, C]: pre-norm self-attention, cross-attention
    /// and GEGLU feed-forward, each added back (LayerNorm ε 1e-5).
    private func transformerBlock(_ x: Tensor, _ prefix: String, crossAttention: CrossAttentionLayer, context: Tensor,
                                  editor: (any CrossAttentionEditor)?, _ p: ModelParameters) -> Tensor {
        var x = x
        let first = p.layerNorm(x, "\(prefix).norm1")
        let selfAttended = Tensor.attention(query: p.linear(first, "\(prefix).attn1.to_q"),
                                            key: p.linear(first, "\(prefix).attn1.to_k"),
                                            value: p.linear(first, "\(prefix).attn1.to_v"), heads: heads)
        x = x + p.linear(selfAttended, "\(prefix).attn1.to_out.0")
        let second = p.layerNorm(x, "\(prefix).norm2")
        let projection = CrossAttentionProjection(layer: crossAttention, context: context,
                                                  keyWeight: p["\(prefix).attn2.to_k.weight"],
                                                  valueWeight: p["\(prefix).attn2.to_v.weight"])
        let (keys, values) = editor?.keysAndValues(projection) ?? projection.plain()
        precondition(keys.shape == [context.shape[0], context.shape[1], channels] && values.shape == keys.shape,
                     "CrossAttentionEditor for \(crossAttention.path) returned keys \(keys.shape) and values \(values.shape), not [\(context.shape[0]), \(context.shape[1]), \(channels)]")
        let crossAttended = Tensor.attention(query: p.linear(second, "\(prefix).attn2.to_q"), key: keys, value: values, heads: heads)
        x = x + p.linear(crossAttended, "\(prefix).attn2.to_out.0")
        let third = p.layerNorm(x, "\(prefix).norm3")
        return x + p.linear(p.linear(third, "\(prefix).ff.net.0.proj").geglu(), "\(prefix).ff.net.2")
    }
}
