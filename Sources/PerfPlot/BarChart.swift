/// A grouped bar chart: categories along the x axis, one bar per series in each, an optional
/// target line; the accuracy of each attribute (shape, colour, position) per method, say.
public struct BarChart: Sendable, Equatable {
    /// The line at the top; empty for none.
    public var title: String
    /// The y axis's name, drawn upward beside the axis.
    public var yLabel: String
    /// The y range; 0 … 1 by default, for rates.
    public var yRange: ClosedRange<Double>
    /// The names under the slots, left to right.
    public var categories: [String]
    /// The bars of each slot, left to right, named in the legend.
    public var series: [BarSeries]
    /// A dashed line marking a value to reach, if any.
    public var target: TargetLine?

    /// A bar chart from its parts.
    public init(title: String = "", yLabel: String = "", yRange: ClosedRange<Double> = 0 ... 1,
                categories: [String], series: [BarSeries], target: TargetLine? = nil) {
        self.title = title
        self.yLabel = yLabel
        self.yRange = yRange
        self.categories = categories
        self.series = series
        self.target = target
    }

    /// The y scale and the positions of the plot, slots, bars and legend on a `width × height` canvas.
    public func layout(width: Int, height: Int) -> BarChartLayout {
        var tickCount = 5
        while true {
            let yScale = AxisScale(fixed: yRange, tickCount: tickCount)
            let frame = PlotFrame(width: width, height: height, title: title, xLabel: "", yLabel: yLabel,
                                  yTickLabels: yScale.ticks.map { yScale.label(for: $0) }, rightOverhang: 0,
                                  legendSize: legend.size)
            let crowded = !PlotFrame.ticksFit(yScale, along: frame.plotArea.height, labelSize: BitmapFont.standard.lineHeight)
            guard crowded && tickCount > 2 else {
                return BarChartLayout(frame: frame, yScale: yScale, categoryCount: categories.count,
                                      seriesCount: series.count)
            }
            tickCount = PlotFrame.fewerTicks(than: tickCount)
        }
    }

    /// Draws the chart on a new white `width × height` canvas.
    public func render(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        let layout = self.layout(width: width, height: height)
        let frame = layout.frame
        frame.drawAxes(on: &canvas, title: title, xLabel: "", yLabel: yLabel, yScale: layout.yScale)
        guard !frame.plotArea.isEmpty else { return canvas }
        let font = BitmapFont.standard
        for (index, name) in categories.enumerated() {
            guard let slot = layout.slot(category: index) else { continue }
            let label = font.truncated(name, toWidth: slot.width - 2)
            frame.drawXTick(on: &canvas, column: slot.x + slot.width / 2, label: label)
        }
        canvas.clip = frame.plotArea
        for (seriesIndex, bars) in series.enumerated() {
            for (category, value) in bars.values.prefix(categories.count).enumerated() {
                if let rect = layout.bar(series: seriesIndex, category: category, value: value) {
                    canvas.fill(rect, colour: bars.colour)
                }
            }
        }
        if let target { draw(target, on: &canvas, layout: layout) }
        frame.draw(legend, on: &canvas)
        canvas.clip = canvas.bounds
        return canvas
    }

    /// The legend's entries: each named series with its colour.
    private var legend: Legend {
        Legend(series.map { Legend.Entry(name: $0.name, colour: $0.colour, swatch: .bar) })
    }

    /// Draws the target's dashed line across the plot and its label, on white, above the line's
    /// right end (below it when the plot's top edge is too close); nothing when the value is off the axis.
    private func draw(_ target: TargetLine, on canvas: inout Canvas, layout: BarChartLayout) {
        guard target.value.isFinite, let row = layout.frame.tickRow(target.value, on: layout.yScale) else { return }
        let area = layout.plotArea, font = BitmapFont.standard
        canvas.drawDashedLine(horizontalAt: row, from: area.x, to: area.maxX - 1, colour: .annotation)
        let label = font.truncated(target.label, toWidth: area.width - 4)
        var top = row - 2 - font.lineHeight
        if top < area.y { top = row + 3 }
        let left = area.maxX - 2 - font.width(of: label)
        canvas.fill(PixelRect(x: left - 1, y: top - 1, width: font.width(of: label) + 2, height: font.lineHeight + 2), colour: .white)
        canvas.drawText(label, x: left, y: top, colour: .annotation)
    }
}
