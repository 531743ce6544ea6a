/// Perfusion (DESIGN §1; Tewel et al., SIGGRAPH 2023): gated rank-1 key-locked edits,
/// text statistics, concept training and composition. Filled by the Perfusion issue.
public enum PerfPerfusion {}
