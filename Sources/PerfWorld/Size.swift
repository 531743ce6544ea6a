/// An object's size: its outline fits a square 2·radius wide, the radius 6.5 (large) or
/// 4.25 (small) pixels on a 32-pixel canvas, scaled with the canvas.
public enum Size: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    case small, large

    /// The radius in units of a 32-pixel canvas's pixel.
    public var radius: Float { self == .large ? 6.5 : 4.25 }

    /// The radius halfway (geometrically) between small and large: a judge's threshold.
    static let threshold: Float = (Size.small.radius * Size.large.radius).squareRoot()

    /// The caption word.
    public var description: String { rawValue }
}
