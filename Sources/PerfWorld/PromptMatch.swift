/// How a judgement agrees with a prompt, attribute by attribute (only the attributes the prompt asks for).
public struct PromptMatch: Sendable, Hashable, Codable {
    /// The attributes checked.
    public enum Attribute: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
        case count, shape, colour, size, position, background

        /// The attribute's name.
        public var description: String { rawValue }
    }

    /// One attribute of one object (or of the scene: count and background).
    public struct Check: Sendable, Hashable, Codable {
        /// The prompt's object, from 0; nil for the scene's count and background.
        public var object: Int?
        /// Which attribute.
        public var attribute: Attribute
        /// What the prompt asks.
        public var asked: String
        /// What the judge saw; nil when it saw no object to compare.
        public var seen: String?

        /// A check of `attribute`.
        public init(object: Int?, attribute: Attribute, asked: String, seen: String?) {
            self.object = object
            self.attribute = attribute
            self.asked = asked
            self.seen = seen
        }

        /// Whether the judge saw what the prompt asks.
        public var matches: Bool { asked == seen }
    }

    /// Every check, the scene's first, then object by object.
    public var checks: [Check]

    /// A match made of `checks`.
    public init(checks: [Check]) { self.checks = checks }

    /// Whether every check matches.
    public var matchesAll: Bool { checks.allSatisfy(\.matches) }

    /// The checks of `attribute`.
    public func checks(of attribute: Attribute) -> [Check] { checks.filter { $0.attribute == attribute } }
}
