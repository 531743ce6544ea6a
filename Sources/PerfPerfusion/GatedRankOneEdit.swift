import PerfTensor

/// One concept's gated rank-1 edit of a projection W (Tewel et al. 2023, eq. 3–4):
///
///     energy = i*ᵀ C⁻¹ i*
///     s(e)   = eᵀ C⁻¹ i* / energy
///     W'(e)  = W (e − s(e)·i*) + σ((s(e) − β)/τ) · o*
///
/// Built from engine ops on the concept's `targetInput`: when i* is tracked, the share s(e),
/// the energy and W i* are too, so gradients reach i* through every place it appears.
public struct GatedRankOneEdit: Sendable {
    /// The target input i*, [d].
    public let targetInput: Tensor
    /// The energy i*ᵀ C⁻¹ i*, a scalar tensor.
    public let energy: Tensor
    /// The gate σ((s − β)/τ).
    public let gate: ConceptGate
    /// C⁻¹ i* / energy as a one-row weight [1, d], so that s(e) is a dense layer.
    private let shareWeight: Tensor

    /// The edit of `concept` in the metric `inverseCovariance` (whose width must be the concept's).
    public init(_ concept: Concept, inverseCovariance: InverseCovariance) {
        precondition(concept.width == inverseCovariance.width,
                     "GatedRankOneEdit: concept \(concept.token) is \(concept.width) wide, the statistics \(inverseCovariance.width)")
        let row = concept.targetInput.reshaped([1, concept.width])
        let metric = row.linear(weight: inverseCovariance.matrix)  // (C⁻¹ i*)ᵀ, C⁻¹ being symmetric
        let energy = (metric * row).sum()
        targetInput = concept.targetInput
        self.energy = energy
        gate = concept.gate
        shareWeight = metric / energy
    }

    /// s(e) for text states [B, T, d]: [B, T, 1].
    public func share(_ states: Tensor) -> Tensor {
        states.linear(weight: shareWeight)
    }

    /// W i* for a projection weight W [o, d]: [o].
    func projectedInput(_ weight: Tensor) -> Tensor {
        targetInput.reshaped([1, targetInput.shape[0]]).linear(weight: weight).reshaped([weight.shape[0]])
    }
}
