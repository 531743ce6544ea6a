/// Where an object sits: one of five places for a single object; left/right for a pair
/// "next to" each other, top/bottom for a pair one "above" the other.
public enum Position: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    case left, right, top, bottom, centre

    /// The object's centre relative to the canvas's centre, in units of a 32-pixel canvas's pixel.
    public var offset: (x: Float, y: Float) {
        switch self {
        case .left: (-8, 0)
        case .right: (8, 0)
        case .top: (0, -8)
        case .bottom: (0, 8)
        case .centre: (0, 0)
        }
    }

    /// The caption phrase: "on the left", "at the top", "in the centre".
    public var phrase: String {
        switch self {
        case .left, .right: "on the \(rawValue)"
        case .top, .bottom: "at the \(rawValue)"
        case .centre: "in the centre"
        }
    }

    /// The caption word.
    public var description: String { rawValue }
}
