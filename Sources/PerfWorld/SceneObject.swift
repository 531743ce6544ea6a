/// One object of a scene: a flat-coloured shape (or, for a concept, a patterned one) of a
/// size, at a position.
public struct SceneObject: Sendable, Hashable, Codable {
    /// The outline.
    public var shape: Shape
    /// The colour (the first colour of a pattern).
    public var colour: Colour
    /// Small or large.
    public var size: Size
    /// Where it sits.
    public var position: Position
    /// A concept's pattern; nil in every base scene.
    public var pattern: Pattern?

    /// An object; `pattern` stays nil for base scenes.
    public init(shape: Shape, colour: Colour, size: Size, position: Position, pattern: Pattern? = nil) {
        self.shape = shape
        self.colour = colour
        self.size = size
        self.position = position
        self.pattern = pattern
    }

    /// An object with a concept's look.
    public init(look: Look, size: Size, position: Position) {
        self.init(shape: look.shape, colour: look.colour, size: size, position: position, pattern: look.pattern)
    }

    /// The noun phrase without article: "large red circle", "large red and yellow bullseye circle".
    public var phrase: String {
        guard let pattern else { return "\(size) \(colour) \(shape)" }
        return "\(size) \(colour) and \(pattern.secondary) \(pattern.kind) \(shape)"
    }

    /// The noun phrase with `placeholder` for a patterned object's look (its colours, pattern
    /// and shape), keeping its size: "large {}"; the plain phrase for an object without one.
    public func phrase(lookPlaceholder placeholder: String) -> String {
        pattern == nil ? phrase : "\(size) \(placeholder)"
    }

    /// The paint at (u, v) of the unit frame.
    func paint(_ u: Float, _ v: Float) -> Colour {
        guard let pattern, pattern.isSecondary(u, v, shape: shape) else { return colour }
        return pattern.secondary
    }
}
