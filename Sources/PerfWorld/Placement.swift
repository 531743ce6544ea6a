/// Where an object lands on a canvas, in pixels: its unit frame's centre and its radius
/// (half the side of the square its outline fits in).
public struct Placement: Sendable, Hashable, Codable {
    /// Column of the centre (0 is the left edge of the first pixel).
    public var x: Float
    /// Row of the centre (0 is the top edge of the first row).
    public var y: Float
    /// Radius in pixels.
    public var radius: Float

    /// A placement at (x, y) of `radius`.
    public init(x: Float, y: Float, radius: Float) {
        self.x = x
        self.y = y
        self.radius = radius
    }
}
