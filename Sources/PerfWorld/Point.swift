/// A point on a canvas, in pixels (0 is the top-left corner of the first pixel).
public struct Point: Sendable, Hashable, Codable {
    /// Column.
    public var x: Float
    /// Row.
    public var y: Float

    /// The point (x, y).
    public init(x: Float, y: Float) {
        self.x = x
        self.y = y
    }
}
