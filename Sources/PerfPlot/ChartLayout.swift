/// Where a `Chart` puts its parts on a canvas of a given size, and how data maps to pixels.
public struct ChartLayout: Sendable {
    /// The rectangle that holds the data; axes are drawn just outside it (left and below).
    public var plotArea: PixelRect { frame.plotArea }
    /// The legend's frame, or nil when there is no named series or no room for it.
    public var legendArea: PixelRect? { frame.legendArea }
    /// The x axis: its range and ticks.
    public let xScale: AxisScale
    /// The y axis: its range and ticks.
    public let yScale: AxisScale

    let frame: PlotFrame

    init(frame: PlotFrame, xScale: AxisScale, yScale: AxisScale) {
        self.frame = frame
        self.xScale = xScale
        self.yScale = yScale
    }

    /// The pixel position of the data value (`x`, `y`): `lower` at the plot area's first
    /// column or last row, `upper` at its last column or first row; outside the area beyond them.
    public func position(x: Double, y: Double) -> PixelPoint {
        PixelPoint(x: frame.column(atFraction: xScale.fraction(of: x)), y: frame.row(atFraction: yScale.fraction(of: y)))
    }
}
