import Foundation
import PerfTensor

/// The gate σ((s − β)/τ) of one concept (Tewel et al. 2023, eq. 4): how much of the concept's
/// target output a text state receives, from s, the share of the state that lies along the
/// concept's target input. β is the threshold and τ the temperature; moving β at inference
/// trades fidelity to the concept against alignment with the prompt, without retraining.
public struct ConceptGate: Sendable, Hashable {
    /// The threshold β, in [0, 1].
    public let beta: Float
    /// The temperature τ, greater than 0.
    public let tau: Float

    /// A gate with threshold `beta` (in [0, 1]) and temperature `tau` (> 0, finite); throws otherwise.
    public init(beta: Float, tau: Float) throws(PerfusionError) {
        guard beta.isFinite, beta >= 0, beta <= 1 else {
            throw PerfusionError("gate", .gate("β = \(beta) is outside [0, 1]"))
        }
        guard tau.isFinite, tau > 0 else {
            throw PerfusionError("gate", .gate("τ = \(tau) is not a positive number"))
        }
        self.init(unchecked: beta, tau)
    }

    private init(unchecked beta: Float, _ tau: Float) {
        self.beta = beta
        self.tau = tau
    }

    /// The gate training uses (the paper: β = 0.75, τ = 0.1).
    public static let training = ConceptGate(unchecked: 0.75, 0.1)

    /// The usual inference gate (the paper: β ≈ 0.7, τ ≈ 0.15 with local locking).
    public static let inference = ConceptGate(unchecked: 0.7, 0.15)

    /// σ((s − β)/τ) for one share `s`.
    public func callAsFunction(_ s: Float) -> Float {
        Float(1 / (1 + exp(-Double(s - beta) / Double(tau))))
    }

    /// σ((s − β)/τ) elementwise on the tape, for shares `s` of any shape.
    public func callAsFunction(_ s: Tensor) -> Tensor {
        ((s - beta) * (1 / tau)).sigmoid()
    }
}
