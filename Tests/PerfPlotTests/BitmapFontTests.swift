import PerfPlot
import Testing

/// The built-in font: one distinct glyph per printable ASCII character, a box for anything
/// else, measurements that match what is drawn, integer scaling and upward text.
@Suite struct BitmapFontTests {
    let font = BitmapFont.standard
    let box = BitmapFont.standard.glyph(for: "\u{7F}")

    @Test func everyPrintableASCIIGlyphIsItsOwn() {
        #expect(BitmapFont.characters.count == 95)
        #expect(BitmapFont.characters.first == " " && BitmapFont.characters.last == "~")
        var seen = [Glyph: Character]()
        for character in BitmapFont.characters {
            let glyph = font.glyph(for: character)
            #expect(font.contains(character), "\(character) has no glyph")
            #expect(glyph != box, "\(character) is drawn as the unknown box")
            #expect(seen[glyph] == nil, "\(character) looks like \(seen[glyph].map(String.init) ?? "")")
            seen[glyph] = character
            let inked = (0 ..< Glyph.rows).contains { row in (0 ..< Glyph.columns).contains { glyph.isInk(column: $0, row: row) } }
            #expect(inked == (character != " "), "\(character)")
        }
        #expect(seen.count == 95)
    }

    @Test func onlyDescendersReachBelowTheBaseline() {
        for character in BitmapFont.characters {
            let glyph = font.glyph(for: character)
            let below = (font.ascent ..< Glyph.rows).contains { row in glyph.bits[row] != 0 }
            #expect(below == "gjpqy,".contains(character), "\(character)")
        }
    }

    @Test func unknownCharactersAreABox() {
        for character: Character in ["é", "β", "\u{1F600}", "\t", "\n", "\u{0}"] {
            #expect(!font.contains(character))
            #expect(font.glyph(for: character) == box)
        }
        #expect(box.isInk(column: 0, row: 0) && box.isInk(column: 4, row: 6) && !box.isInk(column: 2, row: 3))
        var canvas = Canvas(width: 20, height: 12)
        canvas.drawText("β", x: 2, y: 1)
        #expect(canvas.extent() == PixelRect(x: 2, y: 1, width: 5, height: 7))
        #expect(canvas.pixels(where: Canvas.isDark).count == 20)
        #expect(font.width(of: "aβ") == font.width(of: "ab"))
    }

    @Test func measuredWidthIsTheDrawnExtent() throws {
        // Texts whose first glyph has ink in its left column and last glyph in its right one,
        // and that reach from the top row down through a descender.
        for text in ["H", "Hg", "MW", "0.25 Ay", "target 0.85 Hy", "Ng %"] {
            let first = font.glyph(for: text.first!), last = font.glyph(for: text.last!)
            #expect((0 ..< 7).contains { first.isInk(column: 0, row: $0) } && (0 ..< 9).contains { last.isInk(column: 4, row: $0) })
            for scale in [1, 2, 3] {
                var canvas = Canvas(width: 300, height: 40)
                canvas.drawText(text, x: 7, y: 5, scale: scale)
                let extent = try #require(canvas.extent())
                #expect(extent.x == 7 && extent.width == font.width(of: text, scale: scale), "\(text) ×\(scale)")
                #expect(extent.y == 5)
                if text.contains(where: { "gjpqy".contains($0) }) {
                    #expect(extent.height == font.height(scale: scale), "\(text) ×\(scale)")
                }
            }
        }
        #expect(font.width(of: "") == 0 && font.width(of: "a") == 5 && font.width(of: "ab") == 11)
        #expect(font.width(of: "ab", scale: 2) == 22 && font.height() == 9 && font.height(scale: 2) == 18)
    }

    @Test func scalingEnlargesEveryDot() {
        var small = Canvas(width: 40, height: 10), large = Canvas(width: 80, height: 20)
        small.drawText("Pq%7", x: 0, y: 0)
        large.drawText("Pq%7", x: 0, y: 0, scale: 2)
        for y in 0 ..< 20 {
            for x in 0 ..< 80 {
                #expect(large.isDark(x: x, y: y) == small.isDark(x: x / 2, y: y / 2))
            }
        }
    }

    @Test func upwardTextIsHorizontalTextTurnedCounterClockwise() {
        let text = "y 0.4 Lg"
        let width = font.width(of: text), height = font.height()
        var flat = Canvas(width: width, height: height), upward = Canvas(width: height, height: width)
        flat.drawText(text, x: 0, y: 0)
        upward.drawText(text, x: 0, y: 0, direction: .upward)
        // Turning counter-clockwise sends (x, y) to (y, width - 1 - x): the text's start at the bottom.
        for y in 0 ..< height {
            for x in 0 ..< width {
                #expect(upward.isDark(x: y, y: width - 1 - x) == flat.isDark(x: x, y: y))
            }
        }
        #expect(flat.pixels(where: Canvas.isDark).count > 40)
    }

    @Test func truncationKeepsTextWithinAWidth() {
        #expect(font.truncated("short", toWidth: 100) == "short")
        let cut = font.truncated("a very long series name", toWidth: 60)
        #expect(cut.hasSuffix("..") && font.width(of: cut) <= 60 && font.width(of: cut) > 60 - 6)
        #expect(font.truncated("anything", toWidth: 5) == "")
        #expect(font.truncated("anything", toWidth: -10) == "")
    }
}
