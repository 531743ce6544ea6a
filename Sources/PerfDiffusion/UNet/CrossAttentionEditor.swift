import PerfTensor

/// The seam through which every cross-attention key and value projection of the UNet passes
/// (DESIGN §1): Perfusion's gated rank-1 edits plug in here, and `perf inspect --dump` reads
/// the keys and values here.
///
/// For each cross-attention layer, the UNet asks the editor for the keys and values of the
/// text states; without an editor it applies the plain projections itself (`projection.plain()`),
/// so a UNet without concepts pays nothing. An editor's ops run on the engine's tape like any
/// other: tensors it computes from tracked tensors (a watched `o*_V`, tracked text states)
/// carry gradients back.
public protocol CrossAttentionEditor: Sendable {
    /// The keys and values [B, T, o] of `projection.layer` for the text states `projection.context`.
    func keysAndValues(_ projection: CrossAttentionProjection) -> (keys: Tensor, values: Tensor)
}

/// What one cross-attention layer hands to a `CrossAttentionEditor`.
public struct CrossAttentionProjection: Sendable {
    /// The layer: its module path (`down_blocks.0.attentions.0.transformer_blocks.0.attn2`),
    /// widths and heads.
    public let layer: CrossAttentionLayer
    /// The text encoder states the layer reads: [B, T, d].
    public let context: Tensor
    /// `to_k.weight`: W_K [o, d] (PyTorch layout: keys = context · W_Kᵀ).
    public let keyWeight: Tensor
    /// `to_v.weight`: W_V [o, d].
    public let valueWeight: Tensor

    /// A projection request (for editors that wrap others, and for tests).
    public init(layer: CrossAttentionLayer, context: Tensor, keyWeight: Tensor, valueWeight: Tensor) {
        self.layer = layer
        self.context = context
        self.keyWeight = keyWeight
        self.valueWeight = valueWeight
    }

    /// The unedited keys and values: context · W_Kᵀ and context · W_Vᵀ, [B, T, o] each.
    public func plain() -> (keys: Tensor, values: Tensor) {
        (context.linear(weight: keyWeight), context.linear(weight: valueWeight))
    }
}
