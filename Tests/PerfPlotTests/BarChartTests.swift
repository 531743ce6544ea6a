import PerfPlot
import Testing

/// Grouped bar charts: bar heights against the y range, bars side by side in their slots,
/// category names, the legend and the target line.
@Suite struct BarChartTests {
    let shape = PlotColour.palette(0), colour = PlotColour.palette(1), position = PlotColour.palette(2)

    /// The rows a series's colour covers inside `rect`, top to bottom.
    func rows(of colour: PlotColour, in canvas: Canvas, within rect: PixelRect) -> ClosedRange<Int>? {
        let found = canvas.pixels(of: colour, in: rect).map(\.y)
        guard let top = found.min(), let bottom = found.max() else { return nil }
        return top ... bottom
    }

    @Test func aHalfBarReachesHalfwayUpTheUnitRange() throws {
        let chart = BarChart(title: "Accuracy", yLabel: "rate", categories: ["base"],
                             series: [BarSeries(name: "shape", colour: shape, values: [0.5])])
        let canvas = chart.render(width: 300, height: 220)
        let area = chart.layout(width: 300, height: 220).plotArea
        let covered = try #require(rows(of: shape, in: canvas, within: area))
        // Worked out here: 0 at the plot's last row, 1 at its first, 0.5 halfway between.
        #expect(covered.lowerBound == Int((Double(area.y) + 0.5 * Double(area.height - 1)).rounded()))
        #expect(covered.upperBound == area.maxY - 1)
        let columns = canvas.pixels(of: shape, in: area).map(\.x)
        let barWidth = try #require(columns.max()) - columns.min()! + 1
        #expect(barWidth >= area.width / 2 && barWidth <= area.width)
        #expect(canvas.pixels(of: shape, in: area).count == barWidth * covered.count, "the bar is a solid rectangle")
    }

    @Test func heightsFollowValuesAndStopAtTheRange() throws {
        let values = [1.0, 0.25, 0, 2.5, .nan, -0.3]
        let chart = BarChart(categories: values.map { "\($0)" }, series: [BarSeries(name: "", colour: shape, values: values)])
        let canvas = chart.render(width: 600, height: 300)
        let layout = chart.layout(width: 600, height: 300)
        let area = layout.plotArea
        var heights = [Int]()
        for index in values.indices {
            let slot = try #require(layout.slot(category: index))
            heights.append(rows(of: shape, in: canvas, within: slot)?.count ?? 0)
        }
        #expect(heights[0] == area.height && heights[3] == area.height, "1 and above fill the plot")
        #expect(abs(Double(heights[1]) - 0.25 * Double(area.height - 1)) <= 1.5)
        #expect(heights[2] == 0 && heights[4] == 0 && heights[5] == 0)
    }

    @Test func barsOfACategoryStandSideBySideInSeriesOrder() throws {
        let chart = BarChart(categories: ["base", "perfusion", "embedding"], series: [
            BarSeries(name: "shape", colour: shape, values: [0.9, 0.8, 0.7]),
            BarSeries(name: "colour", colour: colour, values: [0.6, 0.5, 0.4]),
            BarSeries(name: "position", colour: position, values: [0.3, 0.2, 0.1]),
        ])
        let canvas = chart.render(width: 640, height: 400)
        let layout = chart.layout(width: 640, height: 400)
        var previousSlotEnd = layout.plotArea.x
        for category in 0 ..< 3 {
            let slot = try #require(layout.slot(category: category))
            #expect(slot.x == previousSlotEnd && slot.width > 100)
            previousSlotEnd = slot.maxX
            var previousRight = slot.x - 1
            for (index, barColour) in [shape, colour, position].enumerated() {
                let columns = canvas.pixels(of: barColour, in: slot).map(\.x)
                let left = try #require(columns.min()), right = try #require(columns.max())
                #expect(left > previousRight, "bar \(index) of category \(category) is right of the one before")
                previousRight = right
                let value = chart.series[index].values[category]
                let height = try #require(rows(of: barColour, in: canvas, within: slot)).count
                #expect(abs(Double(height) - value * Double(layout.plotArea.height - 1)) <= 1.5)
            }
        }
        #expect(previousSlotEnd == layout.plotArea.maxX)
    }

    @Test func categoryNamesAreCentredUnderTheirSlots() throws {
        let chart = BarChart(categories: ["one", "two objects", "far"],
                             series: [BarSeries(name: "", colour: shape, values: [0.5, 0.5, 0.5])])
        let canvas = chart.render(width: 500, height: 300)
        let layout = chart.layout(width: 500, height: 300)
        for (index, name) in chart.categories.enumerated() {
            let slot = try #require(layout.slot(category: index))
            let below = PixelRect(x: slot.x, y: layout.plotArea.maxY + 1, width: slot.width, height: 25)
            let found = canvas.find(name, in: below)
            try #require(found.count == 1, "\(name)")
            #expect(abs(found[0].x + BitmapFont.standard.width(of: name) / 2 - (slot.x + slot.width / 2)) <= 1)
        }
        let narrow = BarChart(categories: ["a rather long category name"], series: []).render(width: 90, height: 80)
        #expect(narrow.find("a rather long category name", in: narrow.bounds).isEmpty)
    }

    @Test func theTargetLineIsDashedAtItsValueAndLabelled() throws {
        let chart = BarChart(categories: ["a", "b"], series: [BarSeries(name: "s", colour: shape, values: [0.3, 0.95])],
                             target: TargetLine(value: 0.85, label: "target 0.85"))
        let canvas = chart.render(width: 400, height: 300)
        let area = chart.layout(width: 400, height: 300).plotArea
        let row = Int((Double(area.y) + 0.15 * Double(area.height - 1)).rounded())
        let line = PixelRect(x: area.x, y: row, width: area.width, height: 1)
        let dark = canvas.pixels(in: line, where: Canvas.isDark).count
        #expect(dark > area.width / 3 && dark < area.width, "dashed: dark for part of the width, not all")
        for neighbour in [row - 1, row + 1] {
            let left = PixelRect(x: area.x, y: neighbour, width: area.width / 2, height: 1)
            #expect(canvas.pixels(in: left, where: Canvas.isDark).isEmpty)
        }
        let above = PixelRect(x: area.x, y: row - 14, width: area.width, height: 14)
        #expect(canvas.find("target 0.85", in: above).count == 1)
        let offAxis = BarChart(categories: ["a"], series: [], target: TargetLine(value: 1.5, label: "unreachable"))
        let offCanvas = offAxis.render(width: 400, height: 300)
        #expect(offCanvas.find("unreachable", in: offCanvas.bounds).isEmpty)
    }

    @Test func theLegendNamesEachSeriesAndRangesMayBeNegative() throws {
        let chart = BarChart(yRange: -1 ... 1, categories: ["delta"], series: [
            BarSeries(name: "shape", colour: shape, values: [-0.5]),
            BarSeries(name: "colour", colour: colour, values: [0.5]),
        ])
        let canvas = chart.render(width: 400, height: 300)
        let layout = chart.layout(width: 400, height: 300)
        let legend = try #require(layout.legendArea)
        for (name, swatch) in [("shape", shape), ("colour", colour)] {
            let found = canvas.find(name, in: legend)
            try #require(found.count == 1, "\(name)")
            #expect(!canvas.pixels(of: swatch, in: PixelRect(x: legend.x, y: found[0].y - 2, width: found[0].x - legend.x, height: 11)).isEmpty)
        }
        let zero = Int(layout.row(for: 0).rounded())
        let below = try #require(rows(of: shape, in: canvas, within: layout.plotArea))
        let above = try #require(rows(of: colour, in: canvas, within: layout.plotArea))
        #expect(below.lowerBound == zero + 1 && abs(below.upperBound - Int(layout.row(for: -0.5).rounded())) <= 0)
        #expect(above.upperBound == zero && above.lowerBound == Int(layout.row(for: 0.5).rounded()))
    }

    @Test func anySizeAndAnyValueRenders() {
        let chart = BarChart(title: "t", yLabel: "y", categories: ["a", "b"],
                             series: [BarSeries(name: "s", colour: shape, values: [.infinity, -.greatestFiniteMagnitude, 1e300]),
                                      BarSeries(name: "", colour: colour, values: [])],
                             target: TargetLine(value: .nan, label: "nan"))
        for (width, height) in [(0, 0), (1, 1), (3, 2), (12, 12), (50, 40), (4000, 6)] {
            let canvas = chart.render(width: width, height: height)
            #expect(canvas.pixels.count == width * height * 3)
        }
        let empty = BarChart(categories: [], series: []).render(width: 100, height: 80)
        #expect(empty.pixels.count == 100 * 80 * 3)
    }
}
