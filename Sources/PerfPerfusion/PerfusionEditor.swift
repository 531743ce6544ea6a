import PerfDiffusion
import PerfTensor

/// Perfusion's edit of every cross-attention key and value projection (DESIGN §1; Tewel et
/// al. 2023, eq. 3–4 and appendix B), plugged into the UNet's `CrossAttentionEditor` seam.
///
/// For each layer with key and value weights W_K, W_V and text states e:
///
///     values(e) = W_V e − Σ_c [removal of e along i*_c] + Σ_c σ_c(e) · o*_V,c
///     keys(e)   = the same with W_K and o*_K,c = W_K · i_super,c (keys locked to the superclass)
///
/// where σ_c(e) = σ((s_c(e) − β_c)/τ_c) with each concept's own gate. The removal is
/// `s_c(e) · W i*_c` per concept for one concept and in the approximate form; the exact form
/// removes the C⁻¹-orthogonal projection of e on span{i*_c} (`ConceptBasis`). With one
/// concept both forms are the same formula and run the differentiable one.
///
/// Locking: concepts locked `.local` edit keys as above; `.global` concepts do not edit keys
/// at all: keys read `keyContext`, the prompt encoded with each globally locked concept's
/// token replaced by its superclass word (`ConceptPromptEncoder.keyPrompt`), so their keys
/// are the superclass's everywhere.
///
/// Training: the editor is built from engine ops, so tracked tensors in the concepts carry
/// gradients back. Watch the value targets and pass the straight-through target input:
///
///     let tape = Tape()
///     var concept = initial                       // a Concept, e.g. from Concept.initial(...)
///     concept.valueTargets = tape.watch(concept.valueTargets)
///     let current = ...                           // encoder output at the token, tracked
///     concept.targetInput = ema.detached() + (current - current.detached())  // value: EMA, gradient: current
///     let editor = try PerfusionEditor(concepts: [concept], inverseCovariance: c, layers: unet.crossAttentions)
///     let loss = ... unet(x, timesteps: t, context: states, editor: editor) ...
///     let grads = tape.gradients(of: loss, withRespectTo: concept.valueTargets)
///
/// The exact form's basis (two concepts or more) is computed in double precision outside
/// the tape: there, gradients reach the target inputs only through the gates.
public struct PerfusionEditor: CrossAttentionEditor {
    /// How several concepts' removals combine.
    public enum Form: String, Sendable, CaseIterable {
        /// Remove the C⁻¹-orthogonal projection on the span of all target inputs (exact).
        case exact
        /// Subtract each concept's own removal s_c(e) · W i*_c (exact when the inputs are C⁻¹-orthogonal).
        case approximate
    }

    /// The concepts, in the order their gates are summed.
    public let concepts: [Concept]
    /// How several concepts combine.
    public let form: Form
    /// The text states keys read instead of the values' states, [B, T, d]; nil: the same states.
    public let keyContext: Tensor?
    /// Each concept's edit.
    public let edits: [GatedRankOneEdit]
    /// The concepts that edit keys (locked locally).
    private let keyConcepts: [Int]
    /// The exact basis of all target inputs (values), for two or more concepts in the exact form.
    private let valueBasis: ConceptBasis?
    /// The exact basis of the key-editing concepts' target inputs.
    private let keyBasis: ConceptBasis?

    /// An editor applying `concepts` (each checked against the UNet's cross-attention `layers`)
    /// in the metric `inverseCovariance`. `keyContext` is required when a concept is locked
    /// globally; it must have the shape of the states the UNet passes (with guidance, the
    /// negative prompts' states first, then the prompts', as `GenerationRequest.editor` says).
    /// With no concepts, the editor returns the plain projections, as the UNet does without one.
    public init(concepts: [Concept], inverseCovariance: InverseCovariance, layers: [CrossAttentionLayer],
                form: Form = .exact, keyContext: Tensor? = nil) throws(PerfusionError) {
        for concept in concepts {
            guard concept.editsAttention else {
                throw PerfusionError("concept \(concept.token)", .invalidArgument("it is a token embedding alone and edits no projection; leave it out of the editor"))
            }
            try concept.validate(against: layers)
            guard concept.width == inverseCovariance.width else {
                throw PerfusionError("concept \(concept.token)", .tensorShape(name: Concept.targetInputName, expected: [inverseCovariance.width],
                                                                              actual: [concept.width], why: "the base's text statistics"))
            }
        }
        if let global = concepts.first(where: { $0.locking == .global }), keyContext == nil {
            throw PerfusionError("concept \(global.token)", .invalidArgument("it is locked globally, so the keys need the prompt encoded with \"\(global.superclass)\" in its place: pass keyContext"))
        }
        if let keyContext, keyContext.rank != 3 || keyContext.shape[2] != inverseCovariance.width {
            throw PerfusionError("key context", .invalidArgument("text states of shape \(keyContext.shape) are not [batch, tokens, \(inverseCovariance.width)]"))
        }
        guard concepts.count <= inverseCovariance.width else {
            throw PerfusionError("concepts", .invalidArgument("\(concepts.count) concepts cannot be told apart in \(inverseCovariance.width)-wide text states"))
        }
        let edits = concepts.map { GatedRankOneEdit($0, inverseCovariance: inverseCovariance) }
        for (concept, edit) in zip(concepts, edits) where !(edit.energy.scalar > 0) || !edit.energy.scalar.isFinite {
            throw PerfusionError("concept \(concept.token)", .invalidArgument("target_input has energy i*ᵀC⁻¹i* = \(edit.energy.scalar): it must be a non-zero vector"))
        }
        self.concepts = concepts
        self.form = form
        self.keyContext = keyContext
        self.edits = edits
        keyConcepts = concepts.indices.filter { concepts[$0].locking == .local }
        func basis(_ indices: [Int]) -> ConceptBasis? {
            guard form == .exact, indices.count >= 2 else { return nil }
            return ConceptBasis(inputs: indices.map { concepts[$0].targetInput.detached() }, inverseCovariance: inverseCovariance)
        }
        valueBasis = basis(Array(concepts.indices))
        keyBasis = basis(keyConcepts)
    }

    /// The edited keys and values [B, T, o] of one layer.
    public func keysAndValues(_ projection: CrossAttentionProjection) -> (keys: Tensor, values: Tensor) {
        guard !concepts.isEmpty else { return projection.plain() }
        let path = projection.layer.path
        let values = edited(projection.context, weight: projection.valueWeight, concepts: Array(concepts.indices),
                            basis: valueBasis) { concepts[$0].valueTargets[path]! }
        let keyStates = keyContext ?? projection.context
        precondition(keyStates.shape == projection.context.shape,
                     "PerfusionEditor: the key context \(keyStates.shape) does not match the text states \(projection.context.shape) of \(path)")
        let keys = edited(keyStates, weight: projection.keyWeight, concepts: keyConcepts, basis: keyBasis) { index in
            concepts[index].keyTargets?[path] ?? edits[index].keyTarget(concepts[index].superclassInput, weight: projection.keyWeight)
        }
        return (keys, values)
    }

    /// W e with the parts of e along the chosen concepts' inputs replaced by their gated targets.
    private func edited(_ states: Tensor, weight: Tensor, concepts chosen: [Int], basis: ConceptBasis?,
                        target: (Int) -> Tensor) -> Tensor {
        var output = states.linear(weight: weight)
        if let basis {
            // W (Σ_k u_k (u_kᵀ C⁻¹ e)) = (e · duals ᵀ) · (U Wᵀ).
            output = output - states.linear(weight: basis.duals).matmul(basis.vectors.linear(weight: weight))
        }
        for index in chosen {
            let edit = edits[index]
            let share = edit.share(states)
            if basis == nil { output = output - share * edit.projectedInput(weight) }
            output = output + edit.gate(share) * target(index)
        }
        return output
    }
}

extension GatedRankOneEdit {
    /// o*_K = W_K · i_super for a key weight W_K [o, d]: [o].
    func keyTarget(_ superclassInput: Tensor, weight: Tensor) -> Tensor {
        superclassInput.reshaped([1, superclassInput.shape[0]]).linear(weight: weight).reshaped([weight.shape[0]])
    }
}
