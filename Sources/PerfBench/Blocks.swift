import PerfTensor

/// The two blocks of a Stable-Diffusion-style UNet, written with the engine's ops the way
/// diffusers writes them: a ResnetBlock2D and a Transformer2DModel holding one
/// BasicTransformerBlock (self-attention, cross-attention to the text, GEGLU feed-forward).
struct BlockWeights {
    var tensors: [String: Tensor] = [:]
    private var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    subscript(_ name: String) -> Tensor { tensors[name]! }

    /// Adds a weight of `shape`, scaled like PyTorch's default (1/√fan-in), or a zero bias / unit norm.
    mutating func add(_ name: String, _ shape: [Int], ones: Bool = false) {
        if shape.count == 1 {
            tensors[name] = ones ? Tensor.ones(shape) : Tensor.zeros(shape)
        } else {
            let fanIn = shape.dropFirst().reduce(1, *)
            tensors[name] = Tensor.randomNormal(shape, standardDeviation: 1 / Float(fanIn).squareRoot(), using: &random)
        }
    }
}

enum Blocks {
    /// Weights of a ResnetBlock2D with `channels` in and out and a time embedding of `timeWidth`.
    static func resnetWeights(channels: Int, timeWidth: Int) -> BlockWeights {
        var w = BlockWeights(seed: 10)
        for norm in ["norm1", "norm2"] { w.add("\(norm).weight", [channels], ones: true); w.add("\(norm).bias", [channels]) }
        for conv in ["conv1", "conv2"] { w.add("\(conv).weight", [channels, channels, 3, 3]); w.add("\(conv).bias", [channels]) }
        w.add("time_emb_proj.weight", [channels, timeWidth]); w.add("time_emb_proj.bias", [channels])
        return w
    }

    /// x [B, C, H, W] + conv(silu(norm(conv(silu(norm(x))) + proj(silu(temb))))).
    static func resnet(_ x: Tensor, time: Tensor, _ w: [String: Tensor], groups: Int) -> Tensor {
        var h = x.groupNorm(groups: groups, weight: w["norm1.weight"], bias: w["norm1.bias"], epsilon: 1e-6).silu()
        h = h.conv2d(weight: w["conv1.weight"]!, bias: w["conv1.bias"], padding: 1)
        let t = time.silu().linear(weight: w["time_emb_proj.weight"]!, bias: w["time_emb_proj.bias"])
        h = h + t.reshaped([t.shape[0], t.shape[1], 1, 1])
        h = h.groupNorm(groups: groups, weight: w["norm2.weight"], bias: w["norm2.bias"], epsilon: 1e-6).silu()
        h = h.conv2d(weight: w["conv2.weight"]!, bias: w["conv2.bias"], padding: 1)
        return x + h
    }

    /// Weights of a Transformer2DModel (linear projections) with one BasicTransformerBlock.
    static func transformerWeights(channels: Int, textWidth: Int) -> BlockWeights {
        var w = BlockWeights(seed: 11)
        let c = channels
        w.add("norm.weight", [c], ones: true); w.add("norm.bias", [c])
        w.add("proj_in.weight", [c, c]); w.add("proj_in.bias", [c])
        for norm in ["norm1", "norm2", "norm3"] { w.add("\(norm).weight", [c], ones: true); w.add("\(norm).bias", [c]) }
        for attention in ["attn1", "attn2"] {
            let keyWidth = attention == "attn1" ? c : textWidth
            w.add("\(attention).to_q.weight", [c, c])
            w.add("\(attention).to_k.weight", [c, keyWidth])
            w.add("\(attention).to_v.weight", [c, keyWidth])
            w.add("\(attention).to_out.weight", [c, c]); w.add("\(attention).to_out.bias", [c])
        }
        w.add("ff.proj.weight", [8 * c, c]); w.add("ff.proj.bias", [8 * c])
        w.add("ff.out.weight", [c, 4 * c]); w.add("ff.out.bias", [c])
        w.add("proj_out.weight", [c, c]); w.add("proj_out.bias", [c])
        return w
    }

    /// x [B, C, H, W] + proj_out(block(proj_in(norm(x)) as [B, H·W, C], text [B, T, D])).
    static func transformer(_ x: Tensor, text: Tensor, _ w: [String: Tensor], heads: Int, groups: Int) -> Tensor {
        let (b, c, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        var h = x.groupNorm(groups: groups, weight: w["norm.weight"], bias: w["norm.bias"], epsilon: 1e-6)
        h = h.reshaped([b, c, height * width]).transposed().linear(weight: w["proj_in.weight"]!, bias: w["proj_in.bias"])
        func attention(_ name: String, _ input: Tensor, context: Tensor?) -> Tensor {
            let context = context ?? input
            let q = input.linear(weight: w["\(name).to_q.weight"]!)
            let k = context.linear(weight: w["\(name).to_k.weight"]!)
            let v = context.linear(weight: w["\(name).to_v.weight"]!)
            return Tensor.attention(query: q, key: k, value: v, heads: heads)
                .linear(weight: w["\(name).to_out.weight"]!, bias: w["\(name).to_out.bias"])
        }
        h = h + attention("attn1", h.layerNorm(weight: w["norm1.weight"], bias: w["norm1.bias"]), context: nil)
        h = h + attention("attn2", h.layerNorm(weight: w["norm2.weight"], bias: w["norm2.bias"]), context: text)
        let n = h.layerNorm(weight: w["norm3.weight"], bias: w["norm3.bias"])
        h = h + n.linear(weight: w["ff.proj.weight"]!, bias: w["ff.proj.bias"]).geglu()
            .linear(weight: w["ff.out.weight"]!, bias: w["ff.out.bias"])
        h = h.linear(weight: w["proj_out.weight"]!, bias: w["proj_out.bias"]).transposed().reshaped([b, c, height, width])
        return x + h
    }
}
