import PerfDiffusion
import PerfTensor

/// How one concept of a `PerfusionEditor` reads one prompt (what `perf inspect` reports):
/// its energy i*ᵀC⁻¹i*, and for every token the share s(e) of the state along i* and the gate
/// σ((s − β)/τ). Shares and gates do not depend on the layer (C⁻¹ and i* are shared by all
/// layers); what does is listed per layer: the sizes of the value target o*_V, of the key
/// target o*_K = W_K i_super, and of W_V i*, the value of the input the edit replaces.
public struct ConceptReading: Sendable, Codable, Equatable {
    /// One cross-attention layer's magnitudes for the concept.
    public struct Layer: Sendable, Codable, Equatable {
        /// The module path.
        public let path: String
        /// ‖o*_V‖.
        public let valueTargetNorm: Float
        /// ‖W_K · i_super‖.
        public let keyTargetNorm: Float
        /// ‖W_V · i*‖.
        public let inputValueNorm: Float
    }

    /// The concept's token.
    public let token: String
    /// Its superclass word.
    public let superclass: String
    /// Its gate's threshold β.
    public let beta: Float
    /// Its gate's temperature τ.
    public let tau: Float
    /// How its keys are locked.
    public let locking: KeyLocking
    /// i*ᵀ C⁻¹ i*.
    public let energy: Float
    /// s(e) for each token of the prompt (the values' states).
    public let shares: [Float]
    /// σ((s(e) − β)/τ) for each token.
    public let gates: [Float]
    /// s(e) on the keys' states, when the keys read another prompt (global locking).
    public let keyShares: [Float]?
    /// The gates on the keys' states, when the keys read another prompt.
    public let keyGates: [Float]?
    /// The per-layer magnitudes, in the UNet's forward order.
    public let layers: [Layer]
}

extension PerfusionEditor {
    /// Each concept's reading of the first prompt in `states` [B, T, d] (and in `keyContext`,
    /// when set), with the per-layer magnitudes from `unet`'s weights.
    public func readings(states: Tensor, unet: UNet) -> [ConceptReading] {
        let first = states.detached().slice(axis: 0, 0 ..< 1)
        let keyFirst = keyContext.map { $0.detached().slice(axis: 0, 0 ..< 1) }
        return zip(concepts, edits).map { concept, edit in
            let shares = edit.share(first).scalars
            let keyShares = keyFirst.map { edit.share($0).scalars }
            let layers = unet.crossAttentions.map { layer in
                let weights = unet.parameters.tensors
                let keyWeight = weights["\(layer.path).to_k.weight"]!, valueWeight = weights["\(layer.path).to_v.weight"]!
                return ConceptReading.Layer(path: layer.path, valueTargetNorm: Self.norm(concept.valueTargets[layer.path]!),
                                            keyTargetNorm: Self.norm(edit.keyTarget(concept.superclassInput.detached(), weight: keyWeight)),
                                            inputValueNorm: Self.norm(edit.projectedInput(valueWeight)))
            }
            return ConceptReading(token: concept.token, superclass: concept.superclass, beta: concept.gate.beta, tau: concept.gate.tau,
                                  locking: concept.locking, energy: edit.energy.scalar, shares: shares,
                                  gates: shares.map { concept.gate($0) }, keyShares: keyShares,
                                  keyGates: keyShares.map { $0.map { concept.gate($0) } }, layers: layers)
        }
    }

    /// The Euclidean norm of a tensor's elements.
    private static func norm(_ tensor: Tensor) -> Float {
        tensor.scalars.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
}
