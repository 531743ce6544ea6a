/// The built-in fixed-size font of charts: 5×7 glyphs with 2-row descenders in a 6×9 cell,
/// covering printable ASCII (32–126); any other character is drawn as a box.
public struct BitmapFont: Sendable {
    /// The one font charts use.
    public static let standard = BitmapFont()

    /// Columns from one character's left edge to the next's (the glyph plus one blank column).
    public let advance = 6
    /// Rows of a line of text, descenders included.
    public let lineHeight = Glyph.rows
    /// Rows from the top of a capital to the baseline.
    public let ascent = 7
    /// The largest scale drawing accepts; larger scales are reduced to it.
    public static let maximumScale = 16

    /// The characters the font draws as themselves: printable ASCII, space to tilde.
    public static let characters: [Character] = (32 ... 126).map { Character(Unicode.Scalar(UInt8($0))) }

    private static let glyphs: [Character: Glyph] = glyphRows.mapValues { Glyph(rows: $0) }
    private static let missing = Glyph(rows: missingGlyphRows)

    /// The glyph that draws `character`: its own for printable ASCII, else a box.
    public func glyph(for character: Character) -> Glyph {
        Self.glyphs[character] ?? Self.missing
    }

    /// Whether `character` has a glyph of its own (rather than the box).
    public func contains(_ character: Character) -> Bool {
        Self.glyphs[character] != nil
    }

    /// `scale` limited to `1 ... maximumScale`.
    static func clamped(scale: Int) -> Int { min(max(scale, 1), maximumScale) }

    /// The width in pixels of `text` drawn at `scale`: from the first glyph's left column to the
    /// last glyph's right column (no trailing gap); 0 for empty text.
    public func width(of text: String, scale: Int = 1) -> Int {
        let count = text.count
        return count == 0 ? 0 : (count * advance - 1) * Self.clamped(scale: scale)
    }

    /// The height in pixels of a line of text at `scale`, descenders included.
    public func height(scale: Int = 1) -> Int {
        lineHeight * Self.clamped(scale: scale)
    }

    /// `text`, shortened with a trailing `..` when needed, so that it is at most `width` pixels
    /// wide at `scale`; empty when not even `..` fits.
    public func truncated(_ text: String, toWidth width: Int, scale: Int = 1) -> String {
        if self.width(of: text, scale: scale) <= width { return text }
        var kept = text
        while !kept.isEmpty {
            kept.removeLast()
            if self.width(of: kept + "..", scale: scale) <= width { return kept + ".." }
        }
        return self.width(of: "..", scale: scale) <= width ? ".." : ""
    }
}
