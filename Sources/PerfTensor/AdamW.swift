import Foundation

/// Adam with decoupled weight decay (Loshchilov & Hutter 2019, Algorithm 2), as in PyTorch
/// `AdamW`: per parameter, m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², then
/// θ ← θ − lr·(λ·θ + m̂/(√v̂ + ε)) with bias-corrected m̂, v̂.
/// Parameters are named (e.g. by module path); each name keeps its own moments and step
/// count, so groups with different learning rates are separate `update` calls.
public struct AdamW: Sendable {
    /// The step size.
    public var learningRate: Float
    /// The decay of the first moment.
    public var beta1: Float
    /// The decay of the second moment.
    public var beta2: Float
    /// Added to √v̂ to keep the step finite.
    public var epsilon: Float
    /// Decoupled weight decay λ.
    public var weightDecay: Float

    /// One parameter's state: its moments and update count (saved in training checkpoints).
    public struct Moments: Sendable, Equatable {
        /// The first moment m, one value per element.
        public var first: [Float]
        /// The second moment v, one value per element.
        public var second: [Float]
        /// The updates the parameter has had.
        public var step: Int

        /// A parameter's state, as a checkpoint saved it.
        public init(first: [Float], second: [Float], step: Int) {
            (self.first, self.second, self.step) = (first, second, step)
        }
    }

    /// Every parameter's state by name: save it with the weights to resume training exactly.
    public var moments: [String: Moments] = [:]

    /// An optimiser with PyTorch's defaults (β = 0.9, 0.999; ε = 1e-8; λ = 0.01).
    public init(learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01) {
        (self.learningRate, self.beta1, self.beta2, self.epsilon, self.weightDecay) = (learningRate, beta1, beta2, epsilon, weightDecay)
    }

    /// The number of updates the parameter `name` has had.
    public func steps(of name: String) -> Int { moments[name]?.step ?? 0 }

    /// One step for every parameter that has a gradient; `learningRate` overrides the
    /// optimiser's for this call (a parameter group). Returns untracked parameters.
    public mutating func update(_ parameters: inout [String: Tensor], gradients: [String: Tensor], learningRate: Float? = nil) {
        let rate = learningRate ?? self.learningRate
        for (name, gradient) in gradients {
            guard let parameter = parameters[name] else { continue }
            precondition(parameter.shape == gradient.shape, "AdamW: gradient \(gradient.shape) of '\(name)' ≠ parameter \(parameter.shape)")
            var state = moments[name] ?? Moments(first: [Float](repeating: 0, count: parameter.count),
                                                 second: [Float](repeating: 0, count: parameter.count), step: 0)
            state.step += 1
            let correction1 = 1 - Float(pow(Double(beta1), Double(state.step)))
            let correction2 = 1 - Float(pow(Double(beta2), Double(state.step)))
            var values = parameter.scalars
            for i in values.indices {
                let g = gradient.scalars[i]
                state.first[i] = beta1 * state.first[i] + (1 - beta1) * g
                state.second[i] = beta2 * state.second[i] + (1 - beta2) * g * g
                let mhat = state.first[i] / correction1, vhat = state.second[i] / correction2
                values[i] -= rate * (weightDecay * values[i] + mhat / (vhat.squareRoot() + epsilon))
            }
            moments[name] = state
            parameters[name] = Tensor(shape: parameter.shape, scalars: values)
        }
    }
}
