/// A concept's appearance: a shape in two colours with a pattern. The world renders one only
/// when a scene asks for it (`SceneObject.pattern`); base scenes never do.
public struct Look: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The look's name, e.g. `bullseye-circle`.
    public let name: String
    /// The outline (the concept's superclass).
    public let shape: Shape
    /// The first colour.
    public let colour: Colour
    /// The pattern and its second colour.
    public let pattern: Pattern

    /// A look of `shape` in `colour` with `pattern`.
    public init(name: String, shape: Shape, colour: Colour, pattern: Pattern) {
        self.name = name
        self.shape = shape
        self.colour = colour
        self.pattern = pattern
    }

    /// A red circle with a yellow ring: a bullseye.
    public static let bullseyeCircle = Look(name: "bullseye-circle", shape: .circle, colour: .red,
                                            pattern: Pattern(.bullseye, secondary: .yellow))
    /// A blue and orange chequered square.
    public static let checkeredSquare = Look(name: "checkered-square", shape: .square, colour: .blue,
                                             pattern: Pattern(.checkered, secondary: .orange))
    /// A purple heart with yellow dots.
    public static let polkaDotHeart = Look(name: "polka-dot-heart", shape: .heart, colour: .purple,
                                           pattern: Pattern(.polkaDot, secondary: .yellow))
    /// A star, yellow on the left and blue on the right.
    public static let twoToneStar = Look(name: "two-tone-star", shape: .star, colour: .yellow,
                                         pattern: Pattern(.twoTone, secondary: .blue))

    /// The built-in concept looks.
    public static let all: [Look] = [.bullseyeCircle, .checkeredSquare, .polkaDotHeart, .twoToneStar]

    /// The built-in look called `name`, if any.
    public static func named(_ name: String) -> Look? { all.first { $0.name == name } }

    /// The look's name.
    public var description: String { name }
}
