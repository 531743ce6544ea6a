import PerfDiffusion
import PerfTensor

extension Concept {
    /// A concept before training (DESIGN §1): every value target starts at the superclass's
    /// value, o*_V = W_V · i_super, for each cross-attention layer of `unet`; the target input
    /// starts at i_super unless given. The gate defaults to the training gate.
    public static func initial(token: String, superclass: String, tokenEmbedding: Tensor, superclassInput: Tensor,
                               targetInput: Tensor? = nil, unet: UNet, gate: ConceptGate = .training,
                               locking: KeyLocking = .local) throws(PerfusionError) -> Concept {
        try Concept(token: token, superclass: superclass, tokenEmbedding: tokenEmbedding,
                    targetInput: targetInput ?? superclassInput, superclassInput: superclassInput,
                    valueTargets: superclassProjections(superclassInput, "to_v", unet: unet, source: "concept \(token)"),
                    gate: gate, locking: locking)
    }

    /// The key targets key locking gives, o*_K = W_K · i_super for each cross-attention layer
    /// of `unet`: where the unlocked-keys comparison starts learning them.
    public static func lockedKeyTargets(_ superclassInput: Tensor, unet: UNet) throws(PerfusionError) -> [String: Tensor] {
        try superclassProjections(superclassInput, "to_k", unet: unet, source: "key targets")
    }

    /// W · i_super for the `projection` (to_k or to_v) weight W of every cross-attention layer, by module path.
    private static func superclassProjections(_ superclassInput: Tensor, _ projection: String, unet: UNet,
                                              source: String) throws(PerfusionError) -> [String: Tensor] {
        let row = superclassInput.detached().reshaped([1, superclassInput.count])
        var targets: [String: Tensor] = [:]
        for layer in unet.crossAttentions {
            guard superclassInput.shape == [layer.contextDim] else {
                throw PerfusionError(source, .tensorShape(name: superclassInputName, expected: [layer.contextDim],
                                                          actual: superclassInput.shape, why: "the base's text encoder width"))
            }
            targets[layer.path] = row.linear(weight: unet.parameters.tensors["\(layer.path).\(projection).weight"]!).reshaped([layer.queryDim])
        }
        return targets
    }
}
