/// Multi-head scaled dot-product attention.
extension Tensor {
    /// softmax(scale·Q·Kᵀ [+ causal mask])·V per head, with q [B, Tq, H·D], k [B, Tk, H·D],
    /// v [B, Tk, H·Dv] → [B, Tq, H·Dv] (head h owns columns h·D ..< (h+1)·D, as after
    /// diffusers' and CLIP's projections). `scale` defaults to 1/√D; `causal` lets query i
    /// see keys 0...i (PyTorch `is_causal`). Memory: one [rows, Tk] block at a time.
    /// Backward (per block, P recomputed from the saved log-sum-exp): dV = Pᵀ·dO,
    /// dS = P∘(dO·Vᵀ − rowsum(dO∘O)), dQ = scale·dS·K, dK = scale·dSᵀ·Q.
    public static func attention(query: Tensor, key: Tensor, value: Tensor, heads: Int,
                                 causal: Bool = false, scale: Float? = nil) -> Tensor {
        attention(query: query, key: key, value: value, heads: heads, causal: causal, scale: scale, blockRows: nil)
    }

    /// `attention` with the query rows per block fixed (for tests of the blocking).
    static func attention(query: Tensor, key: Tensor, value: Tensor, heads: Int, causal: Bool, scale: Float?,
                          blockRows: Int?) -> Tensor {
        let kernel = Attention(query: query.shape, key: key.shape, value: value.shape, heads: heads,
                               causal: causal, scale: scale, blockRows: blockRows)
        let (y, lse) = kernel.forward(query, key, value)
        let tracked = query.isTracked || key.isTracked || value.isTracked
        return Tape.record(y, inputs: [query, key, value], saving: tracked ? [query, key, value, y] : []) { g, saved, needs in
            kernel.backward(g, q: saved[0], k: saved[1], v: saved[2], out: saved[3], lse: lse, needs: needs)
        }
    }
}
