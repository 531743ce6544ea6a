import PerfPlot

/// Reading a canvas back in tests: colours, ink extents and where a text was drawn.
extension Canvas {
    /// Whether a colour reads as ink: black text and axes, or dark grey annotations.
    static func isDark(_ colour: PlotColour) -> Bool {
        Int(colour.red) + Int(colour.green) + Int(colour.blue) < 3 * 128
    }

    /// Whether pixel (x, y) is dark; false outside the canvas.
    func isDark(x: Int, y: Int) -> Bool {
        colour(x: x, y: y).map(Self.isDark) ?? false
    }

    /// The pixels in `rect` (the whole canvas when nil) whose colour satisfies `test`.
    func pixels(in rect: PixelRect? = nil, where test: (PlotColour) -> Bool) -> [(x: Int, y: Int)] {
        let area = (rect ?? bounds).intersection(bounds)
        var found = [(x: Int, y: Int)]()
        guard !area.isEmpty else { return found }
        for y in area.y ..< area.maxY {
            for x in area.x ..< area.maxX where test(colour(x: x, y: y)!) {
                found.append((x, y))
            }
        }
        return found
    }

    /// The pixels in `rect` of exactly `colour`.
    func pixels(of colour: PlotColour, in rect: PixelRect? = nil) -> [(x: Int, y: Int)] {
        pixels(in: rect) { $0 == colour }
    }

    /// The smallest rectangle holding every pixel in `rect` that satisfies `test`, or nil for none.
    func extent(in rect: PixelRect? = nil, where test: (PlotColour) -> Bool = { $0 != .white }) -> PixelRect? {
        let found = pixels(in: rect, where: test)
        guard let left = found.map(\.x).min(), let right = found.map(\.x).max(),
              let top = found.map(\.y).min(), let bottom = found.map(\.y).max() else { return nil }
        return PixelRect(x: left, y: top, width: right - left + 1, height: bottom - top + 1)
    }

    /// The top-left corners, inside `region`, of every box where the dark pixels are exactly
    /// those of `text` drawn alone (in black on white) at that scale and direction.
    func find(_ text: String, in region: PixelRect, scale: Int = 1, direction: TextDirection = .horizontal) -> [(x: Int, y: Int)] {
        let font = BitmapFont.standard
        let size = (font.width(of: text, scale: scale), font.height(scale: scale))
        let (width, height) = direction == .horizontal ? size : (size.1, size.0)
        var template = Canvas(width: width, height: height)
        template.drawText(text, x: 0, y: 0, scale: scale, direction: direction)
        let ink = (0 ..< height).flatMap { y in (0 ..< width).map { x in template.isDark(x: x, y: y) } }
        let area = region.intersection(bounds)
        guard !area.isEmpty, width <= area.width, height <= area.height else { return [] }
        let dark = (area.y ..< area.maxY).flatMap { y in (area.x ..< area.maxX).map { x in isDark(x: x, y: y) } }
        var found = [(x: Int, y: Int)]()
        for top in 0 ... area.height - height {
            for left in 0 ... area.width - width where Self.matches(ink, width, height, dark, area.width, left, top) {
                found.append((area.x + left, area.y + top))
            }
        }
        return found
    }

    /// Whether the `width × height` pattern `ink` equals the mask `dark` (rows `stride` long) at (`left`, `top`).
    private static func matches(_ ink: [Bool], _ width: Int, _ height: Int, _ dark: [Bool], _ stride: Int,
                                _ left: Int, _ top: Int) -> Bool {
        for y in 0 ..< height {
            let row = (top + y) * stride + left
            for x in 0 ..< width where dark[row + x] != ink[y * width + x] {
                return false
            }
        }
        return true
    }
}
