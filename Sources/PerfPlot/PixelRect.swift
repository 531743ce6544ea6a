/// A rectangle of whole pixels on a canvas: columns `x ..< x + width`, rows `y ..< y + height`.
///
/// Positions and sizes are clamped to ±2⁴⁰ pixels, so no arithmetic on them can overflow.
public struct PixelRect: Sendable, Hashable {
    /// The largest magnitude of a position or size.
    static let limit = 1 << 40

    /// The leftmost column.
    public let x: Int
    /// The top row.
    public let y: Int
    /// The number of columns (0 or more).
    public let width: Int
    /// The number of rows (0 or more).
    public let height: Int

    /// A rectangle from its top-left pixel and size; a negative size becomes 0.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = min(max(x, -Self.limit), Self.limit)
        self.y = min(max(y, -Self.limit), Self.limit)
        self.width = min(max(0, width), Self.limit)
        self.height = min(max(0, height), Self.limit)
    }

    /// The column just right of the rectangle.
    public var maxX: Int { x + width }
    /// The row just below the rectangle.
    public var maxY: Int { y + height }
    /// Whether the rectangle holds no pixel.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// Whether pixel (`x`, `y`) lies inside.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// Whether the point (in pixel coordinates, pixel centres at whole numbers) lies on a pixel inside.
    public func contains(_ point: PixelPoint) -> Bool {
        guard point.x.isFinite, point.y.isFinite else { return false }
        let column = point.x.rounded(), row = point.y.rounded()
        return column >= Double(x) && column < Double(maxX) && row >= Double(y) && row < Double(maxY)
    }

    /// The pixels inside both rectangles (empty at the origin when they do not meet).
    public func intersection(_ other: PixelRect) -> PixelRect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return PixelRect(x: 0, y: 0, width: 0, height: 0) }
        return PixelRect(x: left, y: top, width: right - left, height: bottom - top)
    }
}

/// A position on a canvas in pixels; the centre of pixel (column i, row j) is (i, j).
public struct PixelPoint: Sendable, Hashable {
    /// Column, growing to the right.
    public var x: Double
    /// Row, growing downwards.
    public var y: Double

    /// A point from its column and row.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
