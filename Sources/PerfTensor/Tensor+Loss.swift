/// The denoising loss.
extension Tensor {
    /// Mean squared error, shape []: mean over all elements of w ∘ (prediction − target)²,
    /// with `weights` (a per-pixel mask, say [N, 1, H, W]) broadcast to the prediction's shape
    /// and treated as a constant; no weights means w = 1 (PyTorch `mse_loss`).
    /// Backward: dprediction = g·2·w∘(p − t)/count, dtarget = −dprediction.
    public static func mseLoss(_ prediction: Tensor, _ target: Tensor, weights: Tensor? = nil) -> Tensor {
        precondition(prediction.shape == target.shape, "mseLoss: prediction \(prediction.shape) ≠ target \(target.shape)")
        let difference = Elementwise.zip(prediction, target, -)
        let weighted = weights.map { Tensor.broadcasting(difference, $0.detached(), *) } ?? difference
        precondition(weighted.shape == prediction.shape, "mseLoss: weights \(weights?.shape ?? []) do not broadcast to \(prediction.shape)")
        let count = Float(Swift.max(prediction.count, 1))
        let total = weighted.withPointer { pw in
            difference.withPointer { pd in
                var sum = 0.0
                for i in 0..<difference.count { sum += Double(pw[i]) * Double(pd[i]) }
                return sum
            }
        }
        let y = Tensor(Float(total) / count)
        return Tape.record(y, inputs: [prediction, target], saving: [weighted]) { g, saved, needs in
            let dp = saved[0].scaled(by: 2 * g.scalar / count)
            return [dp, needs[1] ? dp.scaled(by: -1) : nil]
        }
    }
}
