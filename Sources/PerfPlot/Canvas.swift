/// An RGB picture to draw charts on: 8-bit channels interleaved, row-major, top row first.
///
/// Every drawing operation is clipped to `clip` and to the canvas: shapes partly or wholly
/// outside (however far) leave the pixels outside untouched.
public struct Canvas: Sendable, Equatable {
    /// The longest side a canvas may have; larger requests are reduced to it.
    public static let maximumSide = 16_384

    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// `width × height × 3` bytes: red, green, blue of each pixel, rows top to bottom.
    public var pixels: [UInt8]
    /// The rectangle drawing may touch; the whole canvas unless narrowed.
    public var clip: PixelRect

    /// A canvas filled with `background`; sides are clamped to `0 ... maximumSide`.
    public init(width: Int, height: Int, background: PlotColour = .white) {
        self.width = min(max(width, 0), Self.maximumSide)
        self.height = min(max(height, 0), Self.maximumSide)
        let count = self.width * self.height
        if background.red == background.green, background.green == background.blue {
            pixels = [UInt8](repeating: background.red, count: count * 3)
        } else {
            pixels = (0 ..< count).flatMap { _ in [background.red, background.green, background.blue] }
        }
        self.clip = PixelRect(x: 0, y: 0, width: self.width, height: self.height)
    }

    /// The whole canvas as a rectangle.
    public var bounds: PixelRect { PixelRect(x: 0, y: 0, width: width, height: height) }

    /// The pixels drawing may touch now: `clip` within the canvas.
    var drawable: PixelRect { clip.intersection(bounds) }

    /// The colour of pixel (`x`, `y`), or nil outside the canvas.
    public func colour(x: Int, y: Int) -> PlotColour? {
        guard bounds.contains(x: x, y: y) else { return nil }
        let index = (y * width + x) * 3
        return PlotColour(pixels[index], pixels[index + 1], pixels[index + 2])
    }

    /// Paints pixel (`x`, `y`) with `colour` at opacity `coverage`; pixels outside the clip are left alone.
    public mutating func plot(x: Int, y: Int, colour: PlotColour, coverage: Double = 1) {
        guard drawable.contains(x: x, y: y), coverage > 0 else { return }
        let index = (y * width + x) * 3
        let painted: PlotColour
        if coverage >= 1 {
            painted = colour
        } else {
            let below = PlotColour(pixels[index], pixels[index + 1], pixels[index + 2])
            painted = colour.blended(over: below, coverage: coverage)
        }
        pixels[index] = painted.red
        pixels[index + 1] = painted.green
        pixels[index + 2] = painted.blue
    }

    /// Fills every pixel of `rect` (clipped) with `colour`.
    public mutating func fill(_ rect: PixelRect, colour: PlotColour) {
        let area = rect.intersection(drawable)
        guard !area.isEmpty else { return }
        for row in area.y ..< area.maxY {
            var index = (row * width + area.x) * 3
            for _ in area.x ..< area.maxX {
                pixels[index] = colour.red
                pixels[index + 1] = colour.green
                pixels[index + 2] = colour.blue
                index += 3
            }
        }
    }

    /// Draws the border of `rect`, `thickness` pixels wide, inside the rectangle.
    public mutating func stroke(_ rect: PixelRect, colour: PlotColour, thickness: Int = 1) {
        let line = min(max(thickness, 1), max(rect.width, rect.height, 1))
        fill(PixelRect(x: rect.x, y: rect.y, width: rect.width, height: line), colour: colour)
        fill(PixelRect(x: rect.x, y: rect.maxY - line, width: rect.width, height: line), colour: colour)
        fill(PixelRect(x: rect.x, y: rect.y, width: line, height: rect.height), colour: colour)
        fill(PixelRect(x: rect.maxX - line, y: rect.y, width: line, height: rect.height), colour: colour)
    }

    /// Draws a dashed horizontal line on row `y` (and the `thickness - 1` rows below) from column `from` to `to`.
    public mutating func drawDashedLine(horizontalAt y: Int, from start: Int, to end: Int, colour: PlotColour,
                                        thickness: Int = 1, dash: Int = 6, gap: Int = 4) {
        for run in Self.dashes(start, end, within: drawable.x ..< drawable.maxX, dash: dash, gap: gap) {
            fill(PixelRect(x: run.lowerBound, y: y, width: run.count, height: max(thickness, 1)), colour: colour)
        }
    }

    /// Draws a dashed vertical line on column `x` (and the `thickness - 1` columns right of it) from row `from` to `to`.
    public mutating func drawDashedLine(verticalAt x: Int, from start: Int, to end: Int, colour: PlotColour,
                                        thickness: Int = 1, dash: Int = 6, gap: Int = 4) {
        for run in Self.dashes(start, end, within: drawable.y ..< drawable.maxY, dash: dash, gap: gap) {
            fill(PixelRect(x: x, y: run.lowerBound, width: max(thickness, 1), height: run.count), colour: colour)
        }
    }

    /// The dashes of a line from `start` to `end` inclusive (either order), counted from its first
    /// pixel, that fall inside `visible`.
    private static func dashes(_ start: Int, _ end: Int, within visible: Range<Int>, dash: Int, gap: Int) -> [Range<Int>] {
        let limit = PixelRect.limit
        let start = min(max(start, -limit), limit), end = min(max(end, -limit), limit)
        let dash = min(max(dash, 1), limit), period = dash + min(max(gap, 0), limit)
        let first = max(min(start, end), visible.lowerBound)
        let last = min(max(start, end), visible.upperBound - 1)
        guard first <= last else { return [] }
        let origin = min(start, end)
        var runs = [Range<Int>]()
        var position = first - (first - origin) % period     // the start of the dash period holding `first`
        while position <= last {
            let runStart = max(position, first), runEnd = min(position + dash, last + 1)
            if runStart < runEnd { runs.append(runStart ..< runEnd) }
            position += period
        }
        return runs
    }
}
