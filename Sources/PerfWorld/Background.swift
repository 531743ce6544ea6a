/// The background colours: none of them is an object colour.
public enum Background: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    case white, black, gray, beige

    /// The background's paint.
    public var rgb: RGB {
        switch self {
        case .white: RGB(245, 245, 245)
        case .black: RGB(25, 25, 25)
        case .gray: RGB(128, 128, 128)
        case .beige: RGB(220, 200, 160)
        }
    }

    /// The caption word.
    public var description: String { rawValue }

    /// The background whose paint is nearest `colour`.
    public static func nearest(to colour: ColourVector) -> Background {
        allCases.min { $0.rgb.unit.distance(to: colour) < $1.rgb.unit.distance(to: colour) }!
    }
}
