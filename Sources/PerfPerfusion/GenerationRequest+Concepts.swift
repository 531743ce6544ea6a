import PerfDiffusion

extension GenerationRequest {
    /// Makes the request generate with `concepts` on `model` (DESIGN §1 at inference): prompts
    /// encode through the concepts' learned token embeddings, and Perfusion's editor, with the
    /// base's inverse text covariance, edits every cross-attention key and value projection.
    /// Set the prompts, guidance and batch first: the editor's key context (for global
    /// locking) covers the same items as the UNet's batch, negative prompts first with guidance.
    /// Does nothing without concepts.
    public mutating func apply(_ concepts: [Concept], inverseCovariance: InverseCovariance, model: StableDiffusion) throws {
        guard !concepts.isEmpty else { return }
        let encoder = try ConceptPromptEncoder(tokenizer: model.tokenizer, encoder: model.textEncoder, concepts: concepts)
        promptEncoder = { try encoder.encode($0) }
        let items = initialLatents?.shape[0] ?? batch
        let prompts = (usesGuidance ? Array(repeating: negativePrompt, count: items) : []) + (try itemPrompts(items))
        // Concepts that are token embeddings alone (textual inversion) only change the encoding.
        let editing = concepts.filter(\.editsAttention)
        editor = editing.isEmpty ? nil : try PerfusionEditor(concepts: editing, inverseCovariance: inverseCovariance,
                                                             layers: model.unet.crossAttentions,
                                                             keyContext: encoder.encodeKeyContext(prompts))
    }
}
