import PerfWorld

/// How well a base model draws what held-out prompts ask (DESIGN §5, issue: single-object
/// prompts fully right ≥ 85%, two-object ≥ 60%), as the judge reads its pictures.
public struct BaseAccuracy: Sendable, Codable {
    /// One prompt's picture, as judged.
    public struct Outcome: Sendable, Codable {
        /// The prompt's noise seed.
        public let seed: UInt64
        /// The prompt.
        public let prompt: String
        /// What the judge saw, as a caption-like summary.
        public let seen: String
        /// Whether every attribute the prompt asks was seen.
        public let allRight: Bool
        /// The attributes asked and not seen, as `attribute: asked → seen`.
        public let misses: [String]
    }

    /// Prompts with one object whose every attribute was right.
    public var singles = JudgeAccuracy.Tally()
    /// Prompts with two objects whose every attribute was right.
    public var pairs = JudgeAccuracy.Tally()
    /// Per attribute (count, shape, colour, size, position, background): checks right.
    public var attributes: [String: JudgeAccuracy.Tally] = [:]
    /// Every prompt's outcome, in prompt order.
    public var outcomes: [Outcome] = []

    /// Judges `pictures`, one per prompt of `prompts`.
    public init(prompts: [EvaluationPrompt], pictures: [PlanarImage], judge: Judge = Judge()) {
        precondition(prompts.count == pictures.count, "BaseAccuracy: \(prompts.count) prompts, \(pictures.count) pictures")
        for (prompt, picture) in zip(prompts, pictures) {
            let judgement = judge.judge(picture)
            let match = judgement.match(prompt.asked)
            for check in match.checks {
                attributes[check.attribute.rawValue, default: .init()].add(check.matches)
            }
            if prompt.asked.objects.count == 1 { singles.add(match.matchesAll) } else { pairs.add(match.matchesAll) }
            let misses = match.checks.filter { !$0.matches }.map { check in
                "\(check.object.map { "object \($0 + 1) " } ?? "")\(check.attribute): \(check.asked) → \(check.seen ?? "nothing")"
            }
            outcomes.append(Outcome(seed: prompt.seed, prompt: prompt.text, seen: judgement.summary,
                                    allRight: match.matchesAll, misses: misses))
        }
    }

    /// The attributes in a fixed reading order, with their tallies.
    public var attributeRates: [(name: String, tally: JudgeAccuracy.Tally)] {
        PromptMatch.Attribute.allCases.compactMap { attribute in attributes[attribute.rawValue].map { (attribute.rawValue, $0) } }
    }
}

extension JudgeAccuracy.Tally {
    /// Counts one more check, right or not.
    mutating func add(_ right: Bool) {
        total += 1
        if right { correct += 1 }
    }
}
