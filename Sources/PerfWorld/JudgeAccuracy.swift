/// Tallies of a judge validation: per attribute, how many checks matched the truth.
public struct JudgeAccuracy: Sendable, Hashable, Codable {
    /// Matched and total checks of one attribute.
    public struct Tally: Sendable, Hashable, Codable {
        /// Checks that matched.
        public var correct = 0
        /// Checks made.
        public var total = 0

        /// A tally of `correct` out of `total`.
        public init(correct: Int = 0, total: Int = 0) {
            self.correct = correct
            self.total = total
        }

        /// correct / total (1 when nothing was checked).
        public var rate: Double { total == 0 ? 1 : Double(correct) / Double(total) }
    }

    /// A scene the judge got wrong somewhere.
    public struct Miss: Sendable, Hashable, Codable {
        /// Its seed.
        public var seed: UInt64
        /// Its caption (the truth).
        public var caption: String
        /// What the judge saw.
        public var seen: String
    }

    /// Scenes judged.
    public var scenes = 0
    /// Scenes whose every attribute was right.
    public var scenesAllRight = 0
    /// Tallies by attribute (count, background, and each object's shape, colour, size, position).
    public var tallies: [String: Tally] = [:]
    /// The first 20 scenes with a miss.
    public var misses: [Miss] = []

    /// No scenes yet.
    public init() {}

    /// Every object attribute together (shape, colour, size, position), the number the judge must keep ≥ 97%.
    public var objectAttributes: Tally {
        let object: [PromptMatch.Attribute] = [.shape, .colour, .size, .position]
        return object.reduce(into: Tally()) { sum, attribute in
            sum.correct += tallies[attribute.rawValue]?.correct ?? 0
            sum.total += tallies[attribute.rawValue]?.total ?? 0
        }
    }

    /// Every attribute together, the scene's count and background included.
    public var allAttributes: Tally {
        tallies.values.reduce(into: Tally()) { sum, tally in
            sum.correct += tally.correct
            sum.total += tally.total
        }
    }

    /// The tally of `attribute`.
    public func tally(_ attribute: PromptMatch.Attribute) -> Tally { tallies[attribute.rawValue] ?? Tally() }

    /// Adds one judged scene.
    mutating func add(_ match: PromptMatch, seed: UInt64, caption: String, seen: String) {
        scenes += 1
        if match.matchesAll { scenesAllRight += 1 } else if misses.count < 20 {
            misses.append(Miss(seed: seed, caption: caption, seen: seen))
        }
        for check in match.checks {
            tallies[check.attribute.rawValue, default: Tally()].total += 1
            if check.matches { tallies[check.attribute.rawValue, default: Tally()].correct += 1 }
        }
    }
}
