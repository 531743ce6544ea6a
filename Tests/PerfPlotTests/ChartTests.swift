import PerfPlot
import Testing

/// Scatter and line charts: where data lands, what the axes and legend show, what is clipped
/// or skipped, and that no size or coordinate breaks rendering.
@Suite struct ChartTests {
    let blue = PlotColour.palette(0), orange = PlotColour.palette(1)

    /// The pixel of data (x, y) on a plot area with both axes fixed to 0 … 1, worked out here
    /// from the documented mapping: lower bounds at the first column and the last row.
    func expectedPixel(_ x: Double, _ y: Double, in area: PixelRect) -> (x: Int, y: Int) {
        (Int((Double(area.x) + x * Double(area.width - 1)).rounded()),
         Int((Double(area.y) + (1 - y) * Double(area.height - 1)).rounded()))
    }

    func distance(_ a: (x: Int, y: Int), _ b: (x: Int, y: Int)) -> Double {
        Double((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
    }

    @Test func aSeriesColourAppearsAtItsPointsAndNowhereElseInThePlot() throws {
        let chart = Chart(title: "Pareto front", xLabel: "fidelity", yLabel: "alignment", xRange: 0 ... 1, yRange: 0 ... 1,
                          series: [Series(name: "a", colour: blue, points: [(0.25, 0.75)], style: .points),
                                   Series(name: "b", colour: orange, points: [(0.6, 0.3)], style: .points, marker: .square)])
        let canvas = chart.render(width: 400, height: 300)
        let area = chart.layout(width: 400, height: 300).plotArea
        #expect(area.width > 200 && area.height > 150)
        for (colour, point, radius) in [(blue, (0.25, 0.75), 3.0), (orange, (0.6, 0.3), 3.0 * 2.squareRoot())] {
            let centre = expectedPixel(point.0, point.1, in: area)
            #expect(canvas.colour(x: centre.x, y: centre.y) == colour)
            let found = canvas.pixels(of: colour, in: area)
            #expect(found.count >= 20, "a marker is a few dozen pixels, not \(found.count)")
            #expect(found.allSatisfy { distance($0, centre) <= radius + 1 })
        }
    }

    @Test func aLineRunsFromPointToPoint() {
        let chart = Chart(xRange: 0 ... 1, yRange: 0 ... 1,
                          series: [Series(name: "", colour: blue, points: [(0.1, 0.1), (0.9, 0.5)], style: .line)])
        let canvas = chart.render(width: 300, height: 200)
        let area = chart.layout(width: 300, height: 200).plotArea
        let start = expectedPixel(0.1, 0.1, in: area), end = expectedPixel(0.9, 0.5, in: area)
        for step in 0 ... 10 {
            let t = Double(step) / 10
            let x = Int((Double(start.x) + t * Double(end.x - start.x)).rounded())
            let y = Int((Double(start.y) + t * Double(end.y - start.y)).rounded())
            let near = [(x, y), (x, y - 1), (x, y + 1)].contains { canvas.colour(x: $0.0, y: $0.1) == blue }
            #expect(near, "no line at \(x), \(y)")
        }
        // Every tinted pixel lies within the line's half width (plus the blur) of the segment.
        let dx = Double(end.x - start.x), dy = Double(end.y - start.y), length = (dx * dx + dy * dy).squareRoot()
        for pixel in canvas.pixels(in: area, where: { Int($0.blue) > Int($0.red) + 20 }) {
            let across = abs(Double(pixel.x - start.x) * dy - Double(pixel.y - start.y) * dx) / length
            #expect(across <= 2.5 && pixel.x >= start.x - 2 && pixel.x <= end.x + 2)
        }
        #expect(canvas.pixels(of: blue, in: area).count > 150)
    }

    @Test func axesTicksAndLabelsAreDrawnWhereTheScaleSays() throws {
        let chart = Chart(title: "Fidelity", xLabel: "beta", yLabel: "rate", xRange: 0 ... 1, yRange: 0 ... 1,
                          series: [Series(name: "s", colour: blue, points: [(0.5, 0.5)])])
        let canvas = chart.render(width: 400, height: 300)
        let layout = chart.layout(width: 400, height: 300)
        let area = layout.plotArea
        #expect(layout.yScale.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1] && layout.xScale.ticks == layout.yScale.ticks)
        for row in area.y ... area.maxY { #expect(canvas.isDark(x: area.x - 1, y: row), "y axis at row \(row)") }
        for column in area.x - 1 ..< area.maxX { #expect(canvas.isDark(x: column, y: area.maxY), "x axis at \(column)") }
        for tick in layout.yScale.ticks {
            let row = expectedPixel(0, tick, in: area).y
            #expect(canvas.isDark(x: area.x - 3, y: row) && !canvas.isDark(x: area.x - 3, y: row + 2))
            // The label sits left of the tick, its middle row within a few pixels of the tick's row.
            let label = layout.yScale.label(for: tick)
            let band = PixelRect(x: 0, y: row - 10, width: area.x - 1, height: 21)
            let found = canvas.find(label, in: band)
            #expect(found.count == 1, "label \(label)")
            #expect(found.allSatisfy { abs($0.y + 3 - row) <= 2 && $0.x + BitmapFont.standard.width(of: label) < area.x - 1 })
        }
        for tick in layout.xScale.ticks {
            let column = expectedPixel(tick, 0, in: area).x
            #expect(canvas.isDark(x: column, y: area.maxY + 2))
            let label = layout.xScale.label(for: tick)
            let found = canvas.find(label, in: PixelRect(x: column - 20, y: area.maxY + 1, width: 40, height: 20))
            #expect(found.count == 1, "label \(label)")
            #expect(found.allSatisfy { abs($0.x + BitmapFont.standard.width(of: label) / 2 - column) <= 1 })
        }
        #expect(canvas.find("Fidelity", in: PixelRect(x: 0, y: 0, width: 400, height: area.y), scale: 2).count == 1)
        #expect(canvas.find("beta", in: PixelRect(x: area.x, y: area.maxY + 10, width: area.width, height: 300 - area.maxY - 10)).count == 1)
        #expect(canvas.find("rate", in: PixelRect(x: 0, y: area.y, width: 20, height: area.height), direction: .upward).count == 1)
    }

    @Test func pointsOutsideAFixedRangeAreClippedToThePlot() {
        let chart = Chart(xRange: 0 ... 1, yRange: 0 ... 1, series: [
            Series(name: "", colour: orange, points: [(1.5, 0.5), (0.5, -3), (-1e12, 1e12)], style: .points),
            Series(name: "", colour: blue, points: [(0.5, 0.5), (5, 0.5), (0.5, 40), (-1e300, -1e300)], style: .lineAndPoints),
        ])
        let canvas = chart.render(width: 300, height: 200)
        let area = chart.layout(width: 300, height: 200).plotArea
        // Outside the plot only greys remain: axes, labels, grid; no trace of either series.
        #expect(canvas.pixels(where: { $0.red != $0.green || $0.green != $0.blue })
            .allSatisfy { area.contains(x: $0.x, y: $0.y) })
        #expect(canvas.pixels(of: orange).isEmpty)
        // The line towards (5, 0.5) runs on to the plot's right edge.
        let row = expectedPixel(0.5, 0.5, in: area).y
        #expect(canvas.colour(x: area.maxX - 1, y: row) == blue)
    }

    @Test func theLegendNamesEverySeriesBesideItsColour() throws {
        let names = ["Perfusion", "embedding only", "unlocked keys"]
        let styles: [Series.Style] = [.lineAndPoints, .points, .line]
        let series = names.indices.map { index in
            Series(name: names[index], colour: .palette(index), points: [(Double(index), Double(index * index))],
                   style: styles[index], marker: index == 1 ? .square : .circle)
        }
        let chart = Chart(title: "t", series: series + [Series(name: "", colour: .palette(5), points: [(1, 1)])])
        let canvas = chart.render(width: 500, height: 300)
        let layout = chart.layout(width: 500, height: 300)
        let legend = try #require(layout.legendArea)
        #expect(legend.x >= layout.plotArea.maxX && legend.maxX <= 500)
        var rows = [Int]()
        for (index, name) in names.enumerated() {
            let found = canvas.find(name, in: legend)
            try #require(found.count == 1, "\(name)")
            rows.append(found[0].y)
            let swatch = PixelRect(x: legend.x, y: found[0].y - 2, width: found[0].x - legend.x, height: 11)
            #expect(!canvas.pixels(of: .palette(index), in: swatch).isEmpty, "\(name)'s colour")
        }
        #expect(rows == rows.sorted() && Set(rows).count == 3)
        #expect(canvas.pixels(of: .palette(5), in: legend).isEmpty)
        #expect(Chart(series: [Series(name: "", colour: blue, points: [(0, 0)])]).layout(width: 500, height: 300).legendArea == nil)
    }

    @Test func pointLabelsAreWrittenNextToTheirPoints() throws {
        let chart = Chart(xRange: 0 ... 1, yRange: 0 ... 1, series: [
            Series(name: "sweep", colour: blue, points: [(0.3, 0.4), (0.98, 0.98)], labels: ["b=0.6", "b=0.9"]),
        ])
        let canvas = chart.render(width: 400, height: 300)
        let area = chart.layout(width: 400, height: 300).plotArea
        for (point, label) in [((0.3, 0.4), "b=0.6"), ((0.98, 0.98), "b=0.9")] {
            let centre = expectedPixel(point.0, point.1, in: area)
            let near = PixelRect(x: centre.x - 50, y: centre.y - 20, width: 100, height: 40).intersection(area)
            let found = canvas.find(label, in: near)
            #expect(found.count == 1, "\(label)")
            #expect(found.allSatisfy { area.contains(x: $0.x, y: $0.y) && area.contains(x: $0.x + 28, y: $0.y + 8) })
        }
    }

    @Test func pointsThatAreNotNumbersAreSkippedAndBreakTheLine() throws {
        let chart = Chart(series: [Series(name: "s", colour: blue,
                                          points: [(0.2, 0.2), (.nan, 0.5), (0.8, 0.8), (.infinity, 1), (0.5, -.infinity)])])
        let layout = chart.layout(width: 300, height: 200)
        #expect(layout.xScale == AxisScale(covering: [0.2, 0.8]) && layout.yScale == AxisScale(covering: [0.2, 0.8]))
        let canvas = chart.render(width: 300, height: 200)
        for (x, y) in [(0.2, 0.2), (0.8, 0.8)] {
            let pixel = layout.position(x: x, y: y)
            #expect(canvas.colour(x: Int(pixel.x.rounded()), y: Int(pixel.y.rounded())) == blue)
        }
        let middle = layout.position(x: 0.5, y: 0.5)
        let around = PixelRect(x: Int(middle.x) - 10, y: Int(middle.y) - 10, width: 21, height: 21)
        #expect(canvas.pixels(in: around, where: { Int($0.blue) > Int($0.red) + 20 }).isEmpty)
        let nothing = Chart(series: [Series(name: "s", colour: blue, points: [(.nan, .nan)])])
        #expect(nothing.layout(width: 300, height: 200).xScale == .unit)
        #expect(nothing.render(width: 300, height: 200).pixels(of: blue, in: nothing.layout(width: 300, height: 200).plotArea).isEmpty)
    }

    @Test func crowdedAxesGetFewerTicks() {
        let chart = Chart(xRange: 0 ... 1000, yRange: 0 ... 1, series: [])
        let roomy = chart.layout(width: 800, height: 600), cramped = chart.layout(width: 120, height: 70)
        #expect(roomy.xScale.ticks.count >= 5 && cramped.xScale.ticks.count < roomy.xScale.ticks.count)
        #expect(cramped.yScale.ticks.count < roomy.yScale.ticks.count)
    }

    @Test func anySizeRenders() {
        let chart = Chart(title: "A long title that cannot fit", xLabel: "x", yLabel: "y",
                          series: [Series(name: "series", colour: blue, points: [(0, 0), (1, 1)], labels: ["a", "b"])])
        for (width, height) in [(0, 0), (1, 1), (2, 3), (10, 10), (40, 30), (90, 60), (3000, 5)] {
            let canvas = chart.render(width: width, height: height)
            #expect(canvas.width == width && canvas.height == height && canvas.pixels.count == width * height * 3)
        }
        #expect(chart.render(width: -4, height: 10).pixels.isEmpty)
    }

    @Test func hostileCoordinatesDoNotCrash() {
        let huge = Double.greatestFiniteMagnitude
        let points: [(x: Double, y: Double)] = [(1e300, 1e300), (-1e308, 5), (huge, -huge), (0, 0), (1e-320, 1e-320)]
        for (xRange, yRange) in [(nil, nil), (0.0 ... 1.0, 0.0 ... 1.0), (0.0 ... 1e-300, -1e300 ... 1e300)] as [(ClosedRange<Double>?, ClosedRange<Double>?)] {
            let chart = Chart(xRange: xRange, yRange: yRange, series: [
                Series(name: "h", colour: blue, points: points, labels: ["x", "y", "z", "w", "v"]),
            ])
            let canvas = chart.render(width: 200, height: 150)
            let layout = chart.layout(width: 200, height: 150)
            #expect(canvas.pixels.count == 200 * 150 * 3)
            #expect(canvas.pixels(of: blue).allSatisfy { layout.plotArea.contains(x: $0.x, y: $0.y) || layout.legendArea?.contains(x: $0.x, y: $0.y) == true })
        }
    }
}
