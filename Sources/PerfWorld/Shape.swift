import Foundation

/// The shapes objects take; they are the superclasses concepts lock their keys to.
/// Each outline is drawn upright in a unit frame: u to the right, v downwards, both within [−1, 1].
public enum Shape: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    case circle, square, triangle, star, heart, diamond

    /// Whether the point (u, v) of the unit frame lies inside the outline.
    public func contains(_ u: Float, _ v: Float) -> Bool {
        switch self {
        case .circle:
            return u * u + v * v <= 1
        case .square:
            return abs(u) <= 0.86 && abs(v) <= 0.86
        case .triangle:
            return v <= 0.9 && abs(u) <= (v + 0.9) / 1.8
        case .diamond:
            return abs(u) / 0.85 + abs(v) <= 1
        case .heart:
            // The heart curve (x² + y² − 1)³ = x² y³, y upwards, scaled into the unit frame.
            let x = 1.138 * u, y = 0.12 - 1.138 * v
            let ring = x * x + y * y - 1
            return ring * ring * ring - x * x * y * y * y <= 0
        case .star:
            return Self.starContains(u, v)
        }
    }

    /// A five-pointed star, one point up: outer radius 1, inner radius 0.45.
    private static func starContains(_ u: Float, _ v: Float) -> Bool {
        let radius = (u * u + v * v).squareRoot()
        if radius > 1 { return false }
        if radius <= 0.45 * 0.81 { return true }
        // Angle from the upward direction, folded into one half-point: 0 at a point, 36° at a notch.
        var angle = atan2(u, -v) * 180 / Float.pi
        angle = angle.truncatingRemainder(dividingBy: 72)
        if angle < 0 { angle += 72 }
        if angle > 36 { angle = 72 - angle }
        let radians = angle * Float.pi / 180
        let px = radius * cos(radians), py = radius * sin(radians)
        // Inside when on the centre's side of the edge from the point (1, 0) to the notch (n.x, n.y).
        let n = starNotch, edgeX = n.x - 1, edgeY = n.y
        return edgeX * py - edgeY * (px - 1) >= 0
    }

    /// The notch next to the upward point, in the point's frame: radius 0.45 at 36°.
    private static let starNotch = (x: Float(0.45 * cos(Double.pi / 5)), y: Float(0.45 * sin(Double.pi / 5)))

    /// The caption word.
    public var description: String { rawValue }
}
