/// The key of a chart: a framed list of entries, each a colour swatch and a name.
struct Legend: Sendable {
    /// What an entry's swatch shows.
    enum Swatch: Sendable {
        /// A short line, with a marker in its middle when one is given.
        case line(Marker?)
        /// A marker alone.
        case marker(Marker)
        /// A small filled block, as a bar.
        case bar
    }

    /// One row of the legend.
    struct Entry: Sendable {
        var name: String
        var colour: PlotColour
        var swatch: Swatch
    }

    static let inset = 5, rowHeight = 12, swatchWidth = 18, nameGap = 4, longestName = 160

    /// The entries, top to bottom; entries with empty names are left out.
    let entries: [Entry]

    init(_ entries: [Entry]) {
        let font = BitmapFont.standard
        self.entries = entries.filter { !$0.name.isEmpty }.map { entry in
            var entry = entry
            entry.name = font.truncated(entry.name, toWidth: Self.longestName)
            return entry
        }
    }

    /// The legend's size in pixels, or nil when it has no entry.
    var size: (width: Int, height: Int)? {
        guard !entries.isEmpty else { return nil }
        let font = BitmapFont.standard
        let names = entries.map { font.width(of: $0.name) }.max() ?? 0
        return (2 * Self.inset + Self.swatchWidth + Self.nameGap + names,
                2 * Self.inset + (entries.count - 1) * Self.rowHeight + font.lineHeight)
    }

    /// Draws the frame and the entries with the frame's top-left corner at `area`'s.
    func draw(on canvas: inout Canvas, in area: PixelRect) {
        canvas.fill(area, colour: .white)
        canvas.stroke(area, colour: .frame)
        for (index, entry) in entries.enumerated() {
            let top = area.y + Self.inset + index * Self.rowHeight
            let left = area.x + Self.inset
            let middle = PixelPoint(x: Double(left + Self.swatchWidth / 2), y: Double(top + 3))
            let lineStart = PixelPoint(x: Double(left + 1), y: middle.y)
            let lineEnd = PixelPoint(x: Double(left + Self.swatchWidth - 2), y: middle.y)
            switch entry.swatch {
            case .line(let marker):
                canvas.drawLine(from: lineStart, to: lineEnd, width: 2, colour: entry.colour)
                if let marker { canvas.drawMarker(marker, at: middle, radius: 3, colour: entry.colour) }
            case .marker(let marker):
                canvas.drawMarker(marker, at: middle, radius: 3, colour: entry.colour)
            case .bar:
                canvas.fill(PixelRect(x: left + 3, y: top - 1, width: Self.swatchWidth - 6, height: 9), colour: entry.colour)
            }
            canvas.drawText(entry.name, x: left + Self.swatchWidth + Self.nameGap, y: top, colour: .black)
        }
    }
}
