import PerfPlot
import Testing

/// The canvas: layout of the pixel buffer, fills, anti-aliased lines, markers and dashes, and
/// clipping of shapes however far outside.
@Suite struct CanvasTests {
    let red = PlotColour(200, 0, 0)

    @Test func aNewCanvasIsWhiteRowMajorRGB() {
        var canvas = Canvas(width: 4, height: 3)
        #expect(canvas.pixels.count == 4 * 3 * 3)
        #expect(canvas.pixels.allSatisfy { $0 == 255 })
        canvas.plot(x: 1, y: 2, colour: PlotColour(1, 2, 3))
        let index = (2 * 4 + 1) * 3
        #expect(Array(canvas.pixels[index ..< index + 3]) == [1, 2, 3])
        #expect(canvas.pixels.enumerated().filter { $0.element != 255 }.map(\.offset) == [index, index + 1, index + 2])
        #expect(Canvas(width: 2, height: 2, background: .black).pixels == [UInt8](repeating: 0, count: 12))
        #expect(Canvas(width: 2, height: 1, background: PlotColour(1, 2, 3)).pixels == [1, 2, 3, 1, 2, 3])
        let empty = Canvas(width: -5, height: 3)
        #expect(empty.width == 0 && empty.pixels.isEmpty)
    }

    @Test func fillsStayInsideTheCanvasAndTheClip() {
        var canvas = Canvas(width: 10, height: 8)
        canvas.fill(PixelRect(x: -3, y: 6, width: 5, height: 10), colour: red)
        #expect(canvas.pixels(of: red).count == 2 * 2)
        #expect(canvas.extent() == PixelRect(x: 0, y: 6, width: 2, height: 2))
        canvas = Canvas(width: 10, height: 8)
        canvas.clip = PixelRect(x: 2, y: 3, width: 4, height: 2)
        canvas.fill(canvas.bounds, colour: red)
        canvas.drawLine(from: PixelPoint(x: 0, y: 0), to: PixelPoint(x: 9, y: 7), width: 3, colour: red)
        canvas.drawText("HELLO", x: 0, y: 0)
        #expect(canvas.extent() == PixelRect(x: 2, y: 3, width: 4, height: 2))
        canvas.fill(PixelRect(x: Int.max, y: Int.min, width: Int.max, height: Int.max), colour: .black)
        canvas.stroke(PixelRect(x: Int.min, y: 0, width: Int.max, height: 5), colour: .black)
        #expect(canvas.pixels(of: .black).allSatisfy { canvas.clip.contains(x: $0.x, y: $0.y) })
    }

    @Test func aHorizontalLineCoversItsRowBetweenItsEnds() {
        var canvas = Canvas(width: 20, height: 10)
        canvas.drawLine(from: PixelPoint(x: 2, y: 5), to: PixelPoint(x: 12, y: 5), colour: red)
        #expect(canvas.pixels(of: red).map(\.x) == Array(2 ... 12))
        #expect(canvas.pixels(of: red).allSatisfy { $0.y == 5 })
        #expect(canvas.extent() == PixelRect(x: 2, y: 5, width: 11, height: 1))
    }

    @Test func aDiagonalLineIsFullOnItsCentreAndBlendedOnlyNearIt() {
        var canvas = Canvas(width: 30, height: 30)
        canvas.drawLine(from: PixelPoint(x: 3, y: 3), to: PixelPoint(x: 25, y: 25), width: 2, colour: red)
        for step in 3 ... 25 { #expect(canvas.colour(x: step, y: step) == red) }
        for pixel in canvas.pixels(where: { $0 != .white }) {
            // Distance from the pixel centre to the segment's line (x = y), within the half width and the blur.
            let distance = abs(Double(pixel.x - pixel.y)) / 2.squareRoot()
            #expect(distance <= 1.5, "pixel \(pixel) is \(distance) from the line")
            #expect((2 ... 26).contains(pixel.x) && (2 ... 26).contains(pixel.y))
        }
    }

    @Test func linesFarOutsideAreClippedWithoutWrappingOrCrashing() {
        var canvas = Canvas(width: 20, height: 10)
        canvas.drawLine(from: PixelPoint(x: -1e300, y: 5), to: PixelPoint(x: 1e300, y: 5), colour: red)
        #expect(canvas.pixels(of: red).count == 20)
        #expect(canvas.extent() == PixelRect(x: 0, y: 5, width: 20, height: 1))
        canvas = Canvas(width: 20, height: 10)
        canvas.drawLine(from: PixelPoint(x: 5, y: 2), to: PixelPoint(x: 5, y: 1e300), colour: red)
        #expect(canvas.extent() == PixelRect(x: 5, y: 2, width: 1, height: 8))
        let untouched = Canvas(width: 20, height: 10)
        canvas = untouched
        // Just past the right edge: a naive row-major index would wrap onto the next row's start.
        canvas.drawLine(from: PixelPoint(x: 21.6, y: 2), to: PixelPoint(x: 40, y: 2), colour: red)
        canvas.drawLine(from: PixelPoint(x: 1e9, y: 1e9), to: PixelPoint(x: 2e9, y: -3e9), width: 4, colour: red)
        canvas.drawLine(from: PixelPoint(x: -.greatestFiniteMagnitude, y: 0), to: PixelPoint(x: .greatestFiniteMagnitude, y: 9),
                        colour: red)
        canvas.drawLine(from: PixelPoint(x: .nan, y: 0), to: PixelPoint(x: 5, y: 5), colour: red)
        canvas.drawLine(from: PixelPoint(x: 0, y: 0), to: PixelPoint(x: .infinity, y: 5), colour: red)
        canvas.drawLine(from: PixelPoint(x: 0, y: 0), to: PixelPoint(x: 5, y: 5), width: .nan, colour: red)
        #expect(canvas == untouched)
        canvas.drawLine(from: PixelPoint(x: 0, y: 0), to: PixelPoint(x: 1, y: 1), width: 1e300, colour: red)
        #expect(canvas.pixels(of: red).count == 200)
    }

    @Test func markersAreDiscsRingsAndSquaresAroundTheirCentre() {
        var canvas = Canvas(width: 21, height: 21)
        canvas.drawMarker(.circle, at: PixelPoint(x: 10, y: 10), radius: 3, colour: red)
        #expect(canvas.colour(x: 10, y: 10) == red && canvas.colour(x: 12, y: 10) == red && canvas.colour(x: 10, y: 8) == red)
        #expect(canvas.colour(x: 13, y: 10) != .white && canvas.colour(x: 7, y: 10) != .white)
        #expect(canvas.extent() == PixelRect(x: 7, y: 7, width: 7, height: 7))
        canvas = Canvas(width: 21, height: 21)
        canvas.drawMarker(.circle, at: PixelPoint(x: 10, y: 10), radius: 5, colour: red, filled: false)
        #expect(canvas.colour(x: 10, y: 10) == .white && canvas.colour(x: 15, y: 10) == red && canvas.colour(x: 10, y: 5) == red)
        canvas = Canvas(width: 21, height: 21)
        canvas.drawMarker(.square, at: PixelPoint(x: 5, y: 6), radius: 2, colour: red)
        #expect(canvas.pixels(of: red).count == 25)
        #expect(canvas.extent() == PixelRect(x: 3, y: 4, width: 5, height: 5))
        canvas = Canvas(width: 21, height: 21)
        canvas.drawMarker(.square, at: PixelPoint(x: 5, y: 6), radius: 2, colour: red, filled: false)
        #expect(canvas.pixels(of: red).count == 16 && canvas.colour(x: 5, y: 6) == .white)
    }

    @Test func markersFarOutsideOrHugeDoNotCrash() {
        let untouched = Canvas(width: 12, height: 12)
        var canvas = untouched
        for marker in Marker.allCases {
            for filled in [true, false] {
                canvas.drawMarker(marker, at: PixelPoint(x: 1e300, y: -1e300), radius: 3, colour: red, filled: filled)
                canvas.drawMarker(marker, at: PixelPoint(x: 1e18, y: 5), radius: 3, colour: red, filled: filled)
                canvas.drawMarker(marker, at: PixelPoint(x: .nan, y: 5), radius: 3, colour: red, filled: filled)
                canvas.drawMarker(marker, at: PixelPoint(x: 5, y: 5), radius: .infinity, colour: red, filled: filled)
            }
        }
        #expect(canvas == untouched)
        canvas.drawMarker(.circle, at: PixelPoint(x: 5, y: 5), radius: 1e300, colour: red)
        #expect(canvas.pixels(of: red).count == 144)
        canvas = untouched
        canvas.drawMarker(.square, at: PixelPoint(x: -1000, y: 5), radius: 2000, colour: red)
        #expect(canvas.pixels(of: red).count == 144)
    }

    @Test func dashesStartAtTheLinesFirstPixelAndAreClipped() {
        var canvas = Canvas(width: 20, height: 8)
        canvas.drawDashedLine(horizontalAt: 3, from: 0, to: 19, colour: red, dash: 4, gap: 2)
        let dashed = [0, 1, 2, 3, 6, 7, 8, 9, 12, 13, 14, 15, 18, 19]
        #expect(canvas.pixels(of: red).map(\.x) == dashed)
        #expect(canvas.pixels(of: red).allSatisfy { $0.y == 3 })
        canvas = Canvas(width: 20, height: 8)
        canvas.drawDashedLine(horizontalAt: 3, from: 19, to: 0, colour: red, dash: 4, gap: 2)
        #expect(canvas.pixels(of: red).map(\.x) == dashed)
        canvas = Canvas(width: 20, height: 8)
        canvas.drawDashedLine(horizontalAt: 3, from: -7, to: 40, colour: red, dash: 4, gap: 2)
        #expect(canvas.pixels(of: red).map(\.x) == [0, 1, 2, 5, 6, 7, 8, 11, 12, 13, 14, 17, 18, 19])
        canvas = Canvas(width: 8, height: 20)
        canvas.drawDashedLine(verticalAt: 2, from: 0, to: 19, colour: red, thickness: 2, dash: 4, gap: 2)
        #expect(Set(canvas.pixels(of: red).map(\.y)) == Set(dashed))
        #expect(Set(canvas.pixels(of: red).map(\.x)) == [2, 3])
        let before = canvas
        canvas.drawDashedLine(horizontalAt: Int.max, from: Int.min, to: Int.max, colour: red)
        canvas.drawDashedLine(verticalAt: 5, from: Int.min, to: Int.min + 10, colour: red, dash: Int.max, gap: Int.max)
        #expect(canvas == before)
        canvas.drawDashedLine(verticalAt: 6, from: Int.min, to: Int.max, colour: red, dash: 3, gap: Int.max)
        #expect(canvas.pixels(of: red, in: PixelRect(x: 6, y: 0, width: 1, height: 20)).count <= 3)
    }

    @Test func tinyAndEmptyCanvasesTakeEveryOperation() {
        for (width, height) in [(0, 0), (1, 1), (1, 0), (2, 1)] {
            var canvas = Canvas(width: width, height: height)
            canvas.fill(canvas.bounds, colour: red)
            canvas.drawLine(from: PixelPoint(x: -5, y: -5), to: PixelPoint(x: 5, y: 5), width: 3, colour: red)
            canvas.drawMarker(.circle, at: PixelPoint(x: 0, y: 0), radius: 3, colour: red)
            canvas.drawMarker(.square, at: PixelPoint(x: 0, y: 0), radius: 3, colour: red, filled: false)
            canvas.drawDashedLine(horizontalAt: 0, from: 0, to: 10, colour: red)
            canvas.drawText("Hi", x: 0, y: 0, scale: 2, direction: .upward)
            #expect(canvas.pixels.count == width * height * 3)
            #expect(canvas.colour(x: width, y: 0) == nil && canvas.colour(x: -1, y: 0) == nil)
        }
    }
}
