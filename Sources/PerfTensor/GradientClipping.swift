/// Gradient clipping by global norm (PyTorch `clip_grad_norm_`): when the L2 norm of all
/// gradients together exceeds `maxNorm`, every gradient is scaled by maxNorm / (norm + 1e-6).
/// Returns the norm before clipping.
@discardableResult
public func clipGradientNorm<Key: Hashable>(_ gradients: inout [Key: Tensor], maxNorm: Float) -> Float {
    let norm = Float(gradients.values.reduce(0.0) { $0 + Elementwise.sum($1) { $0 * $0 } }.squareRoot())
    if norm > maxNorm {
        let factor = maxNorm / (norm + 1e-6)
        gradients = gradients.mapValues { $0.detached().scaled(by: factor) }
    }
    return norm
}
