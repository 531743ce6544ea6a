/// Which way a line of text reads on a canvas.
public enum TextDirection: Sendable, Hashable {
    /// Left to right, upright.
    case horizontal
    /// Bottom to top, turned 90° counter-clockwise: the usual y-axis label.
    case upward
}

extension Canvas {
    /// Draws one line of `text` in the standard font with the top-left corner of its box at
    /// (`x`, `y`). The box is `width(of:) × height()` pixels, or the transpose when upward.
    public mutating func drawText(_ text: String, x: Int, y: Int, scale: Int = 1, colour: PlotColour = .black,
                                  direction: TextDirection = .horizontal) {
        let font = BitmapFont.standard
        let scale = BitmapFont.clamped(scale: scale)
        let length = font.width(of: text, scale: scale), thickness = font.height(scale: scale)
        let box = direction == .horizontal
            ? PixelRect(x: x, y: y, width: length, height: thickness)
            : PixelRect(x: x, y: y, width: thickness, height: length)
        guard !box.intersection(drawable).isEmpty else { return }
        for (index, character) in text.enumerated() {
            let glyph = font.glyph(for: character)
            for row in 0 ..< Glyph.rows where glyph.bits[row] != 0 {
                for column in 0 ..< Glyph.columns where glyph.isInk(column: column, row: row) {
                    // (along, across): the dot's offset in the text's own frame, before turning.
                    let along = (index * font.advance + column) * scale, across = row * scale
                    let dot = direction == .horizontal
                        ? PixelRect(x: box.x + along, y: box.y + across, width: scale, height: scale)
                        : PixelRect(x: box.x + across, y: box.y + length - along - scale, width: scale, height: scale)
                    fill(dot, colour: colour)
                }
            }
        }
    }
}
