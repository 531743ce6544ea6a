/// What a prompt asks of one object: any attribute it leaves out is nil. A concept's
/// placeholder (`<scope/name>`) stands where a shape word would.
public struct PromptObject: Sendable, Hashable, Codable {
    /// The size asked for.
    public var size: Size?
    /// The colour asked for (the first colour of a pattern).
    public var colour: Colour?
    /// The pattern's second colour, for "red and yellow bullseye circle".
    public var secondary: Colour?
    /// The pattern asked for.
    public var patternKind: Pattern.Kind?
    /// The shape asked for.
    public var shape: Shape?
    /// The concept placeholder in place of a shape, e.g. `<perf/bullseye>`.
    public var concept: String?
    /// The position asked for (set from the relation for a pair).
    public var position: Position?

    /// An object asking for the given attributes.
    public init(size: Size? = nil, colour: Colour? = nil, secondary: Colour? = nil, patternKind: Pattern.Kind? = nil,
                shape: Shape? = nil, concept: String? = nil, position: Position? = nil) {
        self.size = size
        self.colour = colour
        self.secondary = secondary
        self.patternKind = patternKind
        self.shape = shape
        self.concept = concept
        self.position = position
    }

    /// What a scene object's caption asks: every attribute.
    public init(_ object: SceneObject) {
        self.init(size: object.size, colour: object.colour, secondary: object.pattern?.secondary,
                  patternKind: object.pattern?.kind, shape: object.shape, position: object.position)
    }
}
