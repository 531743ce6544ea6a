/// The colours an object can have: eight, pairwise at least 0.37 apart (in unit RGB) and as
/// far from every background, so that a judge can tell them apart in noisy, off-colour pictures.
public enum Colour: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    case red, orange, yellow, green, cyan, blue, purple, pink

    /// The colour's paint.
    public var rgb: RGB {
        switch self {
        case .red: RGB(215, 35, 45)
        case .orange: RGB(245, 130, 20)
        case .yellow: RGB(245, 220, 50)
        case .green: RGB(40, 170, 70)
        case .cyan: RGB(40, 200, 215)
        case .blue: RGB(40, 80, 220)
        case .purple: RGB(130, 50, 190)
        case .pink: RGB(240, 105, 185)
        }
    }

    /// The caption word.
    public var description: String { rawValue }

    /// The colour whose paint is nearest `colour`.
    public static func nearest(to colour: ColourVector) -> Colour {
        allCases.min { $0.rgb.unit.distance(to: colour) < $1.rgb.unit.distance(to: colour) }!
    }
}
