/// A concept's appearance: a shape in two colours with a pattern. The world renders one only
/// when a scene asks for it (`SceneObject.pattern`); base scenes never do. The two colours of
/// each look average to a colour far from every background (no complementary pairs), so that a
/// small, blurred look does not melt into the background where its colours mix.
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
    /// A green and yellow chequered square.
    public static let checkeredSquare = Look(name: "checkered-square", shape: .square, colour: .green,
                                             pattern: Pattern(.checkered, secondary: .yellow))
    /// A purple heart with cyan dots.
    public static let polkaDotHeart = Look(name: "polka-dot-heart", shape: .heart, colour: .purple,
                                           pattern: Pattern(.polkaDot, secondary: .cyan))
    /// A star, orange on the left and purple on the right.
    public static let twoToneStar = Look(name: "two-tone-star", shape: .star, colour: .orange,
                                         pattern: Pattern(.twoTone, secondary: .purple))

    /// The built-in concept looks.
    public static let all: [Look] = [.bullseyeCircle, .checkeredSquare, .polkaDotHeart, .twoToneStar]

    /// The built-in look called `name`, if any.
    public static func named(_ name: String) -> Look? { all.first { $0.name == name } }

    /// The look's name.
    public var description: String { name }
}
