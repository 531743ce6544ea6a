/// Where a `BarChart` puts its parts on a canvas of a given size: the plot area, one slot per
/// category, and in each slot the bars side by side.
public struct BarChartLayout: Sendable {
    /// The rectangle that holds the bars; axes are drawn just outside it (left and below).
    public var plotArea: PixelRect { frame.plotArea }
    /// The legend's frame, or nil when there is no named series or no room for it.
    public var legendArea: PixelRect? { frame.legendArea }
    /// The y axis: its range and ticks.
    public let yScale: AxisScale
    /// The number of categories (slots along the x axis).
    public let categoryCount: Int
    /// The number of bars in each slot.
    public let seriesCount: Int

    let frame: PlotFrame

    /// The share of a slot's width that its bars fill, and the pixels between neighbouring bars.
    static let fill = 0.8, barGap = 1

    init(frame: PlotFrame, yScale: AxisScale, categoryCount: Int, seriesCount: Int) {
        self.frame = frame
        self.yScale = yScale
        self.categoryCount = categoryCount
        self.seriesCount = seriesCount
    }

    /// The row of `value`: the plot area's last row at the range's lower bound, its first at the upper.
    public func row(for value: Double) -> Double {
        frame.row(atFraction: yScale.fraction(of: value))
    }

    /// The columns of category `index`'s slot over the plot's full height; nil for no such category.
    public func slot(category index: Int) -> PixelRect? {
        guard (0 ..< categoryCount).contains(index), !plotArea.isEmpty else { return nil }
        let width = Double(plotArea.width) / Double(categoryCount)
        let left = plotArea.x + Int((Double(index) * width).rounded())
        let right = plotArea.x + Int((Double(index + 1) * width).rounded())
        return PixelRect(x: left, y: plotArea.y, width: right - left, height: plotArea.height)
    }

    /// The rectangle filled by bar `series` of `category` at `value`: from the baseline (0, or
    /// the nearer end of the range when 0 is outside it) to the value, clamped to the range.
    /// Nil when the value is not finite, lies on the baseline, or the bar has no room.
    public func bar(series: Int, category: Int, value: Double) -> PixelRect? {
        guard value.isFinite, (0 ..< seriesCount).contains(series), let slot = slot(category: category) else { return nil }
        let barWidth = (Int(Double(slot.width) * Self.fill) - (seriesCount - 1) * Self.barGap) / seriesCount
        guard barWidth >= 1 else { return nil }
        let groupWidth = seriesCount * barWidth + (seriesCount - 1) * Self.barGap
        let left = slot.x + (slot.width - groupWidth) / 2 + series * (barWidth + Self.barGap)
        let baseline = min(max(0, yScale.lower), yScale.upper)
        let clamped = min(max(value, yScale.lower), yScale.upper)
        let top = Int(row(for: max(clamped, baseline)).rounded()), bottom = Int(row(for: min(clamped, baseline)).rounded())
        guard top != bottom else { return nil }
        // A bar above the baseline includes the baseline's row; one below it starts under that row.
        let rows = clamped > baseline ? top ... bottom : top + 1 ... bottom
        return PixelRect(x: left, y: rows.lowerBound, width: barWidth, height: rows.count)
    }
}
