import PerfTensor

/// PyTorch modules by module path: each reads `path.weight` (and `path.bias` when stored).
/// Shapes follow PyTorch: images [N, C, H, W], token states [B, T, C].
extension ModelParameters {
    /// `nn.Linear` at `path`: x [..., in] → [..., out].
    func linear(_ x: Tensor, _ path: String) -> Tensor {
        x.linear(weight: self["\(path).weight"], bias: optional("\(path).bias"))
    }

    /// A 1×1 `nn.Conv2d` at `path` applied to token states: x [..., in] → [..., out].
    func pointwise(_ x: Tensor, _ path: String) -> Tensor {
        let weight = self["\(path).weight"]
        return x.linear(weight: weight.reshaped([weight.shape[0], weight.shape[1]]), bias: optional("\(path).bias"))
    }

    /// `nn.Conv2d` at `path` with a square kernel, stride `stride`, padding `padding`
    /// (default: half the kernel, keeping the size at stride 1): x [N, in, H, W] → [N, out, H', W'].
    func conv(_ x: Tensor, _ path: String, stride: Int = 1, padding: Int? = nil) -> Tensor {
        let weight = self["\(path).weight"]
        return x.conv2d(weight: weight, bias: optional("\(path).bias"), stride: stride, padding: padding ?? weight.shape[2] / 2)
    }

    /// `nn.GroupNorm` at `path`: x [N, C, ...] normalised in `groups` groups.
    func groupNorm(_ x: Tensor, _ path: String, groups: Int, epsilon: Double) -> Tensor {
        x.groupNorm(groups: groups, weight: self["\(path).weight"], bias: self["\(path).bias"], epsilon: Float(epsilon))
    }

    /// `nn.LayerNorm` at `path` over the last axis.
    func layerNorm(_ x: Tensor, _ path: String, epsilon: Double = 1e-5) -> Tensor {
        x.layerNorm(weight: self["\(path).weight"], bias: self["\(path).bias"], epsilon: Float(epsilon))
    }
}
