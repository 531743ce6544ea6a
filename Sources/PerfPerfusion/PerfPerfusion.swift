/// Perfusion (DESIGN §1; Tewel et al., "Key-Locked Rank One Editing for Text-to-Image
/// Personalization", SIGGRAPH 2023): gated rank-1, key-locked edits of the UNet's
/// cross-attention projections.
///
/// - `Concept`: a loaded concept (`concept.safetensors`, DESIGN §3) with its gate
///   (`ConceptGate`) and locking (`KeyLocking`); `validate(against:)` checks it against a
///   base's cross-attention layers; `Concept.initial` starts one for training.
/// - `InverseCovariance`: C⁻¹ of the base's text statistics, inverted in double precision
///   through LAPACK with a conditioning check and a recorded ridge.
/// - `PerfusionEditor`: the `CrossAttentionEditor` applying any number of concepts
///   (`GatedRankOneEdit` each; exact or approximate multi-concept form; local or global
///   locking), differentiable on the engine's tape for training.
/// - `ConceptPromptEncoder`: prompts naming concepts by token, encoded with their learned
///   embeddings; `ConceptReading`: what `perf inspect` reports (shares, gates, energies).
public enum PerfPerfusion {}
