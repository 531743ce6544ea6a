/// One `Transformer2DModel` over a feature map (diffusers): GroupNorm (ε 1e-6) → proj_in →
/// `depth` × BasicTransformerBlock (LayerNorm → self-attention `attn1`, LayerNorm →
/// cross-attention `attn2` on the text states, LayerNorm → GEGLU feed-forward, each residual)
/// → proj_out, plus the input.
public struct TransformerLayout: Sendable, Equatable {
    /// The module path, e.g. `down_blocks.0.attentions.1`.
    public let path: String
    /// Channels of the feature map, and width of every attention (inner dim = heads × head dim).
    public let channels: Int
    /// Attention heads.
    public let heads: Int
    /// BasicTransformerBlocks (`transformer_blocks.0` …).
    public let depth: Int
    /// Width of the text states the cross-attentions read.
    public let contextDim: Int
    /// Whether proj_in/proj_out are Linear [C, C] (else 1×1 Conv2d [C, C, 1, 1]).
    public let linearProjection: Bool
    /// Groups of the input group normalisation.
    public let groups: Int

    /// Width of one head.
    public var headDim: Int { channels / heads }

    /// The cross-attention modules (`…transformer_blocks.k.attn2`), whose `to_k` and `to_v`
    /// Perfusion edits.
    public var crossAttentions: [CrossAttentionLayer] {
        (0..<depth).map { block in
            CrossAttentionLayer(path: "\(path).transformer_blocks.\(block).attn2", queryDim: channels,
                                contextDim: contextDim, heads: heads)
        }
    }

    /// The transformer's tensors.
    public var tensors: [TensorSpec] {
        var list = TensorList()
        list.norm("\(path).norm", channels: channels)
        projection(&list, "\(path).proj_in")
        for block in 0..<depth {
            let prefix = "\(path).transformer_blocks.\(block)"
            for (index, context) in [(1, channels), (2, contextDim)] {
                list.norm("\(prefix).norm\(index)", channels: channels)
                list.linear("\(prefix).attn\(index).to_q", out: channels, in: channels, bias: false)
                list.linear("\(prefix).attn\(index).to_k", out: channels, in: context, bias: false)
                list.linear("\(prefix).attn\(index).to_v", out: channels, in: context, bias: false)
                list.linear("\(prefix).attn\(index).to_out.0", out: channels, in: channels)
            }
            list.norm("\(prefix).norm3", channels: channels)
            list.linear("\(prefix).ff.net.0.proj", out: 8 * channels, in: channels)
            list.linear("\(prefix).ff.net.2", out: channels, in: 4 * channels)
        }
        projection(&list, "\(path).proj_out")
        return list.specs
    }

    private func projection(_ list: inout TensorList, _ path: String) {
        if linearProjection {
            list.linear(path, out: channels, in: channels)
        } else {
            list.conv(path, out: channels, in: channels, kernel: 1)
        }
    }
}

/// One cross-attention module of the UNet: queries from the feature map, keys and values
/// from the text encoder's states (`to_k`, `to_v`: [queryDim, contextDim], no bias).
public struct CrossAttentionLayer: Sendable, Hashable {
    /// The module path, e.g. `down_blocks.0.attentions.0.transformer_blocks.0.attn2`.
    public let path: String
    /// Width of queries, keys and values (the feature map's channels).
    public let queryDim: Int
    /// Width of the text states.
    public let contextDim: Int
    /// Attention heads.
    public let heads: Int
}
