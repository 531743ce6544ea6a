import Foundation
import Testing
@testable import PerfTensor

/// AdamW and gradient clipping.
@Suite struct OptimizerTests {
    /// Five AdamW steps against the algorithm written out in float64.
    @Test func adamWMatchesTheAlgorithm() {
        var random = SeededRandom(seed: 50)
        let start = Tensor.randomNormal([7], using: &random)
        let gradients = (0..<5).map { _ in Tensor.randomNormal([7], using: &random) }
        let (lr, b1, b2, eps, decay) = (0.01, 0.9, 0.999, 1e-8, 0.05)
        var optimizer = AdamW(learningRate: Float(lr), weightDecay: Float(decay))
        var parameters = ["w": start]
        var theta = start.scalars.map(Double.init), m = [Double](repeating: 0, count: 7), v = m
        for (step, gradient) in gradients.enumerated() {
            optimizer.update(&parameters, gradients: ["w": gradient])
            let t = Double(step + 1)
            for i in 0..<7 {
                let g = Double(gradient.scalars[i])
                theta[i] -= lr * decay * theta[i]
                m[i] = b1 * m[i] + (1 - b1) * g
                v[i] = b2 * v[i] + (1 - b2) * g * g
                theta[i] -= lr * (m[i] / (1 - pow(b1, t))) / ((v[i] / (1 - pow(b2, t))).squareRoot() + eps)
            }
        }
        #expect(OpCheck.relativeError(parameters["w"]!.scalars.map(Double.init), theta) < 1e-5)
        #expect(optimizer.steps(of: "w") == 5 && optimizer.steps(of: "other") == 0)
    }

    /// Parameter groups: each update call may use its own learning rate; parameters without
    /// a gradient are left alone.
    @Test func parameterGroups() {
        var optimizer = AdamW(learningRate: 0.1, weightDecay: 0)
        var parameters = ["a": Tensor(shape: [1], scalars: [1]), "b": Tensor(shape: [1], scalars: [1])]
        optimizer.update(&parameters, gradients: ["a": Tensor(shape: [1], scalars: [2])], learningRate: 0.5)
        optimizer.update(&parameters, gradients: ["b": Tensor(shape: [1], scalars: [2])])
        // The first Adam step moves by lr·sign(g).
        #expect(abs(parameters["a"]!.scalar - 0.5) < 1e-6 && abs(parameters["b"]!.scalar - 0.9) < 1e-6)
    }

    /// A real training loop: fit a linear map with the tape, clipping and AdamW.
    @Test func trainingLoopFitsALinearMap() {
        var random = SeededRandom(seed: 51)
        let truth = Tensor.randomNormal([3, 4], using: &random)
        let inputs = Tensor.randomNormal([32, 4], using: &random)
        let targets = inputs.linear(weight: truth)
        var parameters = ["w": Tensor.zeros([3, 4])]
        var optimizer = AdamW(learningRate: 0.05, weightDecay: 0)
        var first: Float = 0, last: Float = 0
        for step in 0..<300 {
            let tape = Tape()
            let watched = tape.watch(parameters)
            let loss = Tensor.mseLoss(inputs.linear(weight: watched["w"]!), targets)
            var gradients = tape.gradients(of: loss, withRespectTo: watched)
            clipGradientNorm(&gradients, maxNorm: 1)
            optimizer.update(&parameters, gradients: gradients)
            if step == 0 { first = loss.scalar }
            last = loss.scalar
        }
        #expect(first > 0.5 && last < 1e-3, "loss \(first) → \(last)")
    }

    @Test func clippingByGlobalNorm() {
        var gradients = ["a": Tensor(shape: [2], scalars: [3, 0]), "b": Tensor(shape: [1], scalars: [4])]
        let norm = clipGradientNorm(&gradients, maxNorm: 1)
        #expect(abs(norm - 5) < 1e-6)
        let clipped = gradients.values.reduce(0) { $0 + $1.scalars.reduce(0) { $0 + $1 * $1 } }.squareRoot()
        #expect(abs(clipped - 1) < 1e-5 && abs(gradients["a"]!.scalars[0] / gradients["b"]!.scalars[0] - 0.75) < 1e-6)
        var small = ["a": Tensor(shape: [2], scalars: [0.3, 0.4])]
        #expect(abs(clipGradientNorm(&small, maxNorm: 1) - 0.5) < 1e-6 && small["a"]!.scalars == [0.3, 0.4])
    }
}
