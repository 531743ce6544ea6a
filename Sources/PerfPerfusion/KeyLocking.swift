/// How a concept's keys are locked to its superclass (Tewel et al. 2023, §4).
public enum KeyLocking: String, Sendable, CaseIterable, Codable {
    /// Only the concept's key target is locked: o*_K = W_K · i_super (the default).
    case local
    /// Every key projection reads the prompt encoded with the superclass word in place of the
    /// concept's token; the concept edits values only.
    case global
}
