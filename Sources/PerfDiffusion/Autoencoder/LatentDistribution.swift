import Foundation
import PerfTensor

/// The encoder's diagonal Gaussian over unscaled latents (diffusers' `DiagonalGaussianDistribution`).
public struct LatentDistribution: Sendable {
    /// The mean [N, latentChannels, h, w].
    public let mean: Tensor
    /// The log-variance, clamped to [−30, 20] as diffusers clamps it (untracked).
    public let logVariance: Tensor

    /// The distribution with mean `mean` and log-variance `logVariance` (clamped here).
    public init(mean: Tensor, logVariance: Tensor) {
        self.mean = mean
        self.logVariance = Tensor(shape: logVariance.shape, scalars: logVariance.scalars.map { min(max($0, -30), 20) })
    }

    /// The standard deviation exp(logVariance / 2).
    public var standardDeviation: Tensor {
        Tensor(shape: logVariance.shape, scalars: logVariance.scalars.map { Float(exp(Double($0) / 2)) })
    }

    /// A sample: mean + standardDeviation ∘ `noise` (noise of the mean's shape, unit normal).
    public func sample(noise: Tensor) -> Tensor {
        precondition(noise.shape == mean.shape, "LatentDistribution.sample: noise \(noise.shape) ≠ mean \(mean.shape)")
        return mean + standardDeviation * noise
    }
}
