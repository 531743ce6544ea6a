import PerfTensor

/// A loaded Perfusion concept (DESIGN §1, §3): the learned word embedding of its token, the
/// target input i* and the superclass input i_super the edits read, one value target o*_V per
/// cross-attention layer, and how to gate and lock it.
///
/// The tensors are plain engine tensors, so a concept under training is a `Concept` whose
/// tensors are tracked by a `Tape` (see `PerfusionEditor` for how to pass them); a loaded
/// concept's tensors are untracked.
public struct Concept: Sendable {
    /// The placeholder prompts use for the concept, e.g. `<alice/teddy>`.
    public var token: String
    /// The superordinate category word whose keys the concept follows, e.g. `teddy`.
    public var superclass: String
    /// The gate σ((s − β)/τ) the concept is applied with.
    public var gate: ConceptGate
    /// How the concept's keys are locked.
    public var locking: KeyLocking
    /// The word embedding of `token`, [d] (`token_embedding`): the text encoder's input row.
    public var tokenEmbedding: Tensor
    /// The target input i*, [d] (`target_input`): the encoder output at the concept's token.
    public var targetInput: Tensor
    /// The superclass input i_super, [d] (`superclass_input`): the encoder output at the
    /// superclass word; key targets follow from it (o*_K = W_K · i_super).
    public var superclassInput: Tensor
    /// The value targets o*_V by cross-attention module path, each [o_l] (`value_target.<path>`).
    public var valueTargets: [String: Tensor]
    /// Learned key targets o*_K by module path, in place of the locked W_K · i_super: only the
    /// unlocked-keys comparison of `perf eval` has them (`ConceptVariant.unlockedKeys`); never saved.
    public var keyTargets: [String: Tensor]?
    /// Whether the concept edits the cross-attention projections; false for a concept that is
    /// its token embedding alone (`ConceptVariant.embeddingOnly`, textual inversion).
    public var editsAttention = true

    /// A concept from its parts. The three input-side vectors must share one width d ≥ 1 and
    /// every value target must be a non-empty vector; throws otherwise.
    public init(token: String, superclass: String, tokenEmbedding: Tensor, targetInput: Tensor, superclassInput: Tensor,
                valueTargets: [String: Tensor], gate: ConceptGate = .inference, locking: KeyLocking = .local) throws(PerfusionError) {
        let width = targetInput.shape.first ?? 0
        for (name, vector) in [(Self.tokenEmbeddingName, tokenEmbedding), (Self.targetInputName, targetInput),
                               (Self.superclassInputName, superclassInput)] {
            guard vector.rank == 1, width >= 1, vector.shape[0] == width else {
                throw PerfusionError("concept \(token)", .tensorShape(name: name, expected: [max(width, 1)], actual: vector.shape,
                                                                      why: "the concept's text width (that of target_input)"))
            }
        }
        for (path, target) in valueTargets where target.rank != 1 || target.shape[0] < 1 {
            throw PerfusionError("concept \(token)", .tensorShape(name: Self.valueTargetPrefix + path, expected: [max(target.shape.last ?? 1, 1)],
                                                                  actual: target.shape, why: "a value target (one vector per layer)"))
        }
        self.token = token
        self.superclass = superclass
        self.gate = gate
        self.locking = locking
        self.tokenEmbedding = tokenEmbedding
        self.targetInput = targetInput
        self.superclassInput = superclassInput
        self.valueTargets = valueTargets
    }

    /// The width d of the text encoder states the concept was made for.
    public var width: Int { targetInput.shape[0] }

    /// The concept with its value targets' tracking cut: a snapshot for saving or for generation.
    public func detached() -> Concept {
        var copy = self
        copy.tokenEmbedding = tokenEmbedding.detached()
        copy.targetInput = targetInput.detached()
        copy.superclassInput = superclassInput.detached()
        copy.valueTargets = valueTargets.mapValues { $0.detached() }
        copy.keyTargets = keyTargets?.mapValues { $0.detached() }
        return copy
    }

    /// `token_embedding`.
    public static let tokenEmbeddingName = "token_embedding"
    /// `target_input`.
    public static let targetInputName = "target_input"
    /// `superclass_input`.
    public static let superclassInputName = "superclass_input"
    /// `value_target.`, followed by a cross-attention module path.
    public static let valueTargetPrefix = "value_target."
}
