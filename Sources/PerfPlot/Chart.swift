/// A scatter or line chart: series of (x, y) points on numeric axes, with a title, axis names,
/// a legend and optional point labels; the Pareto front of fidelity against alignment, say.
public struct Chart: Sendable, Equatable {
    /// The line at the top; empty for none.
    public var title: String
    /// The x axis's name.
    public var xLabel: String
    /// The y axis's name, drawn upward beside the axis.
    public var yLabel: String
    /// The x range; nil for a round range around the data.
    public var xRange: ClosedRange<Double>?
    /// The y range; nil for a round range around the data.
    public var yRange: ClosedRange<Double>?
    /// The data, drawn in order (later series on top).
    public var series: [Series]

    /// Marker radius and line width of series, in pixels.
    static let markerRadius = 3.0, lineWidth = 2.0

    /// A chart from its parts.
    public init(title: String = "", xLabel: String = "", yLabel: String = "", xRange: ClosedRange<Double>? = nil,
                yRange: ClosedRange<Double>? = nil, series: [Series] = []) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xRange = xRange
        self.yRange = yRange
        self.series = series
    }

    /// The axes' scales and the positions of the plot and legend on a `width × height` canvas.
    ///
    /// An axis starts with about five ticks and gets fewer (three, then two) where its labels
    /// would crowd each other.
    public func layout(width: Int, height: Int) -> ChartLayout {
        let points = series.flatMap(\.points).filter(\.isFinite)
        let font = BitmapFont.standard
        var tickCounts = (x: 5, y: 5)
        while true {
            let xScale = xRange.map { AxisScale(fixed: $0, tickCount: tickCounts.x) }
                ?? AxisScale(covering: points.map(\.x), tickCount: tickCounts.x)
            let yScale = yRange.map { AxisScale(fixed: $0, tickCount: tickCounts.y) }
                ?? AxisScale(covering: points.map(\.y), tickCount: tickCounts.y)
            let xLabels = xScale.ticks.map { xScale.label(for: $0) }
            let frame = PlotFrame(width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel,
                                  yTickLabels: yScale.ticks.map { yScale.label(for: $0) },
                                  rightOverhang: (font.width(of: xLabels.last ?? "") + 1) / 2, legendSize: legend.size)
            let widest = xLabels.map { font.width(of: $0) }.max() ?? 0
            let xCrowded = !PlotFrame.ticksFit(xScale, along: frame.plotArea.width, labelSize: widest)
            let yCrowded = !PlotFrame.ticksFit(yScale, along: frame.plotArea.height, labelSize: font.lineHeight)
            guard (xCrowded && tickCounts.x > 2) || (yCrowded && tickCounts.y > 2) else {
                return ChartLayout(frame: frame, xScale: xScale, yScale: yScale)
            }
            if xCrowded { tickCounts.x = PlotFrame.fewerTicks(than: tickCounts.x) }
            if yCrowded { tickCounts.y = PlotFrame.fewerTicks(than: tickCounts.y) }
        }
    }

    /// Draws the chart on a new white `width × height` canvas.
    public func render(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        let layout = self.layout(width: width, height: height)
        let frame = layout.frame
        frame.drawAxes(on: &canvas, title: title, xLabel: xLabel, yLabel: yLabel, yScale: layout.yScale)
        guard !frame.plotArea.isEmpty else { return canvas }
        for tick in layout.xScale.ticks {
            let column = frame.column(atFraction: layout.xScale.fraction(of: tick)).rounded()
            guard column >= Double(frame.plotArea.x), column < Double(frame.plotArea.maxX) else { continue }
            canvas.fill(PixelRect(x: Int(column), y: frame.plotArea.y, width: 1, height: frame.plotArea.height),
                        colour: .grid)
            frame.drawXTick(on: &canvas, column: Int(column), label: layout.xScale.label(for: tick))
        }
        // Lines first, then labels on white, then markers: no line hides a label, no label a marker.
        canvas.clip = frame.plotArea
        for series in series where series.style != .points {
            canvas.drawPolyline(positions(of: series, layout: layout), width: Self.lineWidth, colour: series.colour)
        }
        for series in series {
            drawLabels(of: series, on: &canvas, layout: layout)
        }
        for series in series where series.style != .line {
            for position in positions(of: series, layout: layout) where layout.plotArea.contains(position) {
                canvas.drawMarker(series.marker, at: position, radius: Self.markerRadius, colour: series.colour)
            }
        }
        frame.draw(legend, on: &canvas)
        canvas.clip = canvas.bounds
        return canvas
    }

    /// The legend's entries: each named series with its colour and look.
    var legend: Legend {
        Legend(series.map { series in
            let swatch: Legend.Swatch = switch series.style {
            case .line: .line(nil)
            case .points: .marker(series.marker)
            case .lineAndPoints: .line(series.marker)
            }
            return Legend.Entry(name: series.name, colour: series.colour, swatch: swatch)
        })
    }

    /// The pixel positions of a series's points; points that are not finite become not-a-number,
    /// which breaks the series's line there.
    private func positions(of series: Series, layout: ChartLayout) -> [PixelPoint] {
        series.points.map { point in
            point.isFinite ? layout.position(x: point.x, y: point.y) : PixelPoint(x: .nan, y: .nan)
        }
    }

    /// Draws the labels of a series's points inside the plot area, on white: above right of the
    /// point, moved left or down where the plot's edge would cut them.
    private func drawLabels(of series: Series, on canvas: inout Canvas, layout: ChartLayout) {
        let font = BitmapFont.standard
        let area = layout.plotArea
        for point in series.points where point.isFinite {
            guard let label = point.label, !label.isEmpty else { continue }
            let position = layout.position(x: point.x, y: point.y)
            guard area.contains(position) else { continue }
            let column = Int(position.x.rounded()), row = Int(position.y.rounded())
            let gap = Int(Self.markerRadius) + 2
            var x = column + gap, y = row - gap - font.lineHeight + 2
            if x + font.width(of: label) > area.maxX { x = column - gap - font.width(of: label) }
            if y < area.y { y = row + gap }
            canvas.fill(PixelRect(x: x - 1, y: y - 1, width: font.width(of: label) + 2, height: font.lineHeight + 2),
                        colour: .white)
            canvas.drawText(label, x: x, y: y, colour: .annotation)
        }
    }
}
