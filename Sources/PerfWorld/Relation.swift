/// How the two objects of a pair sit: the first "next to" (left of) the second, or "above" it.
public enum Relation: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    case nextTo = "next to"
    case above

    /// The positions of the first and the second object.
    public var positions: (first: Position, second: Position) {
        self == .nextTo ? (.left, .right) : (.top, .bottom)
    }

    /// The relation whose positions are `first` and `second`, if any.
    public init?(first: Position, second: Position) {
        switch (first, second) {
        case (.left, .right): self = .nextTo
        case (.top, .bottom): self = .above
        default: return nil
        }
    }

    /// The caption words.
    public var description: String { rawValue }
}
