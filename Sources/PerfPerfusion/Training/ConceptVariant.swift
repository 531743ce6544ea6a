/// What a concept trainer learns: Perfusion, or one of the two comparisons `perf eval` makes
/// with the same pictures and budget (DESIGN §5).
public enum ConceptVariant: String, Sendable, CaseIterable, Codable {
    /// Perfusion: the token embedding and every layer's value target, keys locked to the superclass.
    case perfusion
    /// Textual inversion (Gal et al. 2022): the token embedding alone; the UNet is not edited.
    case embeddingOnly = "embedding-only"
    /// Perfusion without key locking: every layer's key target o*_K is learned too, from W_K · i_super.
    case unlockedKeys = "unlocked-keys"
}
