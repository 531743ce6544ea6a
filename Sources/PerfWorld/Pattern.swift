/// A two-colour pattern painted over an object: the looks of the concepts (DESIGN §5).
/// Plain base scenes never have one; patterned ones (`Scene.random(seed:patterns:)`) have
/// them only on shapes where no concept look has them, so every concept is new to the base model.
public struct Pattern: Sendable, Hashable, Codable {
    /// The kinds of pattern.
    public enum Kind: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
        /// Concentric rings: a disc, a ring of the second colour, an outer ring.
        case bullseye
        /// A 4×4 chequerboard over the object's box.
        case checkered
        /// Dots of the second colour on a staggered grid.
        case polkaDot = "polka-dot"
        /// The left half in the object's colour, the right half in the second colour.
        case twoTone = "two-tone"

        /// The caption word.
        public var description: String { rawValue }
    }

    /// Which pattern.
    public var kind: Kind
    /// The second colour; the object's own colour is the first.
    public var secondary: Colour

    /// A pattern of `kind` in the object's colour and `secondary`.
    public init(_ kind: Kind, secondary: Colour) {
        self.kind = kind
        self.secondary = secondary
    }

    /// Whether a concept look has a pattern of `kind` on `shape` (the bullseye circle, the
    /// checkered square, ...): such an object never appears in a base scene.
    public static func isConceptLook(_ kind: Kind, on shape: Shape) -> Bool {
        Look.all.contains { $0.shape == shape && $0.pattern.kind == kind }
    }

    /// Whether the point (u, v) of `shape`'s unit frame takes the second colour.
    func isSecondary(_ u: Float, _ v: Float, shape: Shape) -> Bool {
        switch kind {
        case .bullseye:
            let band = Int((u * u + v * v).squareRoot() * 3)
            return band == 1
        case .checkered:
            // Checks fill the shape's box; the square's box is ±0.86.
            let half: Float = shape == .square ? 0.86 : 1
            let column = Int(((u / half + 1) * 2).rounded(.down)), row = Int(((v / half + 1) * 2).rounded(.down))
            return (column + row) % 2 == 1
        case .polkaDot:
            let spacing: Float = 0.5, dot: Float = 0.16
            let row = ((v + 1) / (spacing * 0.9)).rounded()
            let shift: Float = Int(row) % 2 == 0 ? 0 : spacing / 2
            let column = ((u + 1 - shift) / spacing).rounded()
            let du = u + 1 - shift - column * spacing, dv = v + 1 - row * spacing * 0.9
            return du * du + dv * dv <= dot * dot
        case .twoTone:
            return u >= 0
        }
    }
}
