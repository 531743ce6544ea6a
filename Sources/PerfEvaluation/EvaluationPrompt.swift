import PerfWorld

/// One held-out prompt of an evaluation: a caption of the built-in world's grammar and the
/// seed of its initial noise.
public struct EvaluationPrompt: Sendable, Hashable, Codable {
    /// Seeds the picture's initial noise (and, for base prompts, chose the scene).
    public let seed: UInt64
    /// The prompt text, as the caption grammar writes it (concepts as `<scope/name>`).
    public let text: String
    /// What the prompt asks, as the caption grammar reads it.
    public let asked: ScenePrompt

    /// A prompt; throws when `text` is outside the caption grammar.
    public init(seed: UInt64, text: String) throws {
        self.seed = seed
        self.text = text
        asked = try ScenePrompt(parsing: text)
    }

    /// The base model's held-out prompts: the captions of evaluation scenes (seeds from
    /// `SeedSpace.evaluation`, never trained on), half with one object and half with two,
    /// alternating, in seed order.
    public static func base(count: Int) -> [EvaluationPrompt] {
        var singles: [EvaluationPrompt] = [], pairs: [EvaluationPrompt] = []
        let wantedPairs = count / 2, wantedSingles = count - wantedPairs
        var seed = SeedSpace.evaluation.lowerBound
        while singles.count < wantedSingles || pairs.count < wantedPairs {
            let scene = Scene.random(seed: seed)
            // Captions the world writes always parse; the initialiser's check cannot fail here.
            if let prompt = try? EvaluationPrompt(seed: seed, text: scene.caption) {
                if scene.objects.count == 1 {
                    if singles.count < wantedSingles { singles.append(prompt) }
                } else if pairs.count < wantedPairs {
                    pairs.append(prompt)
                }
            }
            seed += 1
        }
        var prompts: [EvaluationPrompt] = []
        for index in 0..<max(singles.count, pairs.count) {
            if index < singles.count { prompts.append(singles[index]) }
            if index < pairs.count { prompts.append(pairs[index]) }
        }
        return prompts
    }
}
