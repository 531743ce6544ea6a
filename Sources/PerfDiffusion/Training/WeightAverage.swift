import PerfTensor

/// An exponential moving average of the weights, the model a training run saves (as
/// diffusers' `EMAModel` keeps it): after update k (0-based), every average
/// a ← d·a + (1 − d)·w with d = min(decay, (1 + k)/(10 + k)), so the first updates, whose
/// weights are still near random, fade quickly instead of weighing on the result.
public struct WeightAverage: Sendable {
    /// The averaged weights by name.
    public private(set) var values: [String: Tensor]
    /// The decay reached after warm-up.
    public let decay: Float
    /// The updates so far.
    public private(set) var updates: Int

    /// An average starting at `values`, after `updates` updates.
    public init(_ values: [String: Tensor], decay: Float, updates: Int = 0) {
        self.values = values.mapValues { $0.detached() }
        self.decay = decay
        self.updates = updates
    }

    /// The decay the next update uses.
    public var currentDecay: Float { min(decay, Float(1 + updates) / Float(10 + updates)) }

    /// Moves every average towards the weight of the same name in `weights`.
    public mutating func update(_ weights: [String: Tensor]) {
        let d = currentDecay
        for (name, weight) in weights {
            guard let average = values[name] else { continue }
            values[name] = average * d + weight.detached() * (1 - d)
        }
        updates += 1
    }
}
