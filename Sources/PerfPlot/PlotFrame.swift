/// Where a chart's parts go on its canvas, and the drawing both kinds of chart share: the
/// title, the y axis with its grid, ticks and labels, the x axis line and label, the legend.
///
/// The plot area holds the data; the axes are drawn on the column just left of it and the row
/// just below it, so data never covers them and they never cover data.
struct PlotFrame: Sendable {
    static let padding = 6, tickLength = 4, tickGap = 3, legendGap = 8, titleGap = 6, labelGap = 4
    /// The narrowest plot area that still leaves room for a legend.
    static let narrowestPlotBesideLegend = 60

    let canvasWidth: Int
    let canvasHeight: Int
    let plotArea: PixelRect
    let legendArea: PixelRect?
    let titleScale: Int

    /// Lays out a canvas of `width × height` for the given texts; `rightOverhang` is how far the
    /// last x tick label reaches past the plot's right edge.
    init(width: Int, height: Int, title: String, xLabel: String, yLabel: String, yTickLabels: [String],
         rightOverhang: Int, legendSize: (width: Int, height: Int)?) {
        let font = BitmapFont.standard
        canvasWidth = max(width, 0)
        canvasHeight = max(height, 0)
        titleScale = width >= 320 ? 2 : 1
        let titleHeight = title.isEmpty ? 0 : font.height(scale: titleScale) + Self.titleGap
        let top = Self.padding + max(titleHeight, font.lineHeight / 2)
        let yLabelWidth = yLabel.isEmpty ? 0 : font.lineHeight + Self.labelGap
        let tickLabelWidth = yTickLabels.map { font.width(of: $0) }.max() ?? 0
        let left = Self.padding + yLabelWidth + tickLabelWidth + Self.tickGap + Self.tickLength + 1
        let xLabelHeight = xLabel.isEmpty ? 0 : font.lineHeight + Self.labelGap
        let bottom = Self.padding + xLabelHeight + font.lineHeight + Self.tickGap + Self.tickLength + 1
        var right = Self.padding + max(rightOverhang, 0)
        var legendArea: PixelRect?
        if let legendSize, width - left - right - legendSize.width - Self.legendGap >= Self.narrowestPlotBesideLegend {
            right = Self.padding + legendSize.width + max(Self.legendGap, rightOverhang)
            legendArea = PixelRect(x: width - Self.padding - legendSize.width, y: top,
                                   width: legendSize.width, height: legendSize.height)
        }
        self.legendArea = legendArea
        plotArea = PixelRect(x: left, y: top, width: width - left - right, height: height - top - bottom)
    }

    /// Whether `scale`'s ticks, spread over `pixels`, leave room for labels `labelSize` pixels
    /// long (along the axis) with a few pixels between them.
    static func ticksFit(_ scale: AxisScale, along pixels: Int, labelSize: Int) -> Bool {
        scale.ticks.count < 2 || Double(pixels) / Double(scale.ticks.count - 1) >= Double(labelSize + 6)
    }

    /// The next smaller tick count to try for a crowded axis: 5, then 3, then 2.
    static func fewerTicks(than count: Int) -> Int {
        max(2, count > 3 ? 3 : count - 1)
    }

    /// The column of a value at `fraction` of the way along the x axis.
    func column(atFraction fraction: Double) -> Double {
        Double(plotArea.x) + fraction * Double(plotArea.width - 1)
    }

    /// The row of a value at `fraction` of the way up the y axis.
    func row(atFraction fraction: Double) -> Double {
        Double(plotArea.y) + (1 - fraction) * Double(plotArea.height - 1)
    }

    /// The row of `value` on `scale`, rounded to a whole pixel, or nil when it is off the axis.
    func tickRow(_ value: Double, on scale: AxisScale) -> Int? {
        let row = self.row(atFraction: scale.fraction(of: value)).rounded()
        return row >= Double(plotArea.y) && row < Double(plotArea.maxY) ? Int(row) : nil
    }

    /// Draws the title, the y axis (grid, ticks, labels, name), the x axis line and the x axis name.
    func drawAxes(on canvas: inout Canvas, title: String, xLabel: String, yLabel: String, yScale: AxisScale) {
        let font = BitmapFont.standard
        canvas.clip = canvas.bounds
        if !title.isEmpty {
            let text = font.truncated(title, toWidth: canvasWidth - 2 * Self.padding, scale: titleScale)
            canvas.drawText(text, x: (canvasWidth - font.width(of: text, scale: titleScale)) / 2, y: Self.padding,
                            scale: titleScale)
        }
        guard !plotArea.isEmpty else { return }
        for tick in yScale.ticks {
            guard let row = tickRow(tick, on: yScale) else { continue }
            canvas.fill(PixelRect(x: plotArea.x, y: row, width: plotArea.width, height: 1), colour: .grid)
            canvas.fill(PixelRect(x: plotArea.x - 1 - Self.tickLength, y: row, width: Self.tickLength, height: 1),
                        colour: .black)
            let label = yScale.label(for: tick)
            canvas.drawText(label, x: plotArea.x - 1 - Self.tickLength - Self.tickGap - font.width(of: label),
                            y: row - font.ascent / 2)
        }
        canvas.fill(PixelRect(x: plotArea.x - 1, y: plotArea.y, width: 1, height: plotArea.height + 1), colour: .black)
        canvas.fill(PixelRect(x: plotArea.x - 1, y: plotArea.maxY, width: plotArea.width + 1, height: 1), colour: .black)
        if !yLabel.isEmpty {
            let text = font.truncated(yLabel, toWidth: plotArea.height)
            canvas.drawText(text, x: Self.padding, y: plotArea.y + (plotArea.height - font.width(of: text)) / 2,
                            direction: .upward)
        }
        if !xLabel.isEmpty {
            let text = font.truncated(xLabel, toWidth: plotArea.width)
            canvas.drawText(text, x: plotArea.x + (plotArea.width - font.width(of: text)) / 2,
                            y: canvasHeight - Self.padding - font.lineHeight)
        }
    }

    /// Draws a tick below the x axis at `column` with `label` centred under it.
    func drawXTick(on canvas: inout Canvas, column: Int, label: String) {
        let font = BitmapFont.standard
        canvas.fill(PixelRect(x: column, y: plotArea.maxY + 1, width: 1, height: Self.tickLength), colour: .black)
        canvas.drawText(label, x: column - font.width(of: label) / 2,
                        y: plotArea.maxY + 1 + Self.tickLength + Self.tickGap)
    }

    /// Draws `legend` in the legend area, if the layout kept room for one.
    func draw(_ legend: Legend, on canvas: inout Canvas) {
        guard let legendArea else { return }
        canvas.clip = canvas.bounds
        legend.draw(on: &canvas, in: legendArea)
    }
}
