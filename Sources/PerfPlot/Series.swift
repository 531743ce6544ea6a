/// One value of a chart's data: a position in data units, optionally with a short label drawn
/// next to it (the β of a sweep, say).
public struct DataPoint: Sendable, Hashable {
    /// The value along the x axis.
    public var x: Double
    /// The value along the y axis.
    public var y: Double
    /// Text drawn beside the point, if any.
    public var label: String?

    /// A point from its coordinates and optional label.
    public init(x: Double, y: Double, label: String? = nil) {
        self.x = x
        self.y = y
        self.label = label
    }

    /// Whether both coordinates are finite numbers (other points are skipped).
    public var isFinite: Bool { x.isFinite && y.isFinite }
}

/// A named set of points on a `Chart`, drawn in one colour as a line, markers or both.
public struct Series: Sendable, Equatable {
    /// How a series is drawn.
    public enum Style: Sendable, Hashable {
        /// Lines joining consecutive points.
        case line
        /// A marker at each point.
        case points
        /// Lines joining consecutive points and a marker at each.
        case lineAndPoints
    }

    /// The name shown in the legend; an empty name keeps the series out of it.
    public var name: String
    /// The colour of its lines and markers.
    public var colour: PlotColour
    /// The points in drawing order; lines join consecutive finite points and break at others.
    public var points: [DataPoint]
    /// Lines, markers or both.
    public var style: Style
    /// The marker's shape.
    public var marker: Marker

    /// A series from its points.
    public init(name: String, colour: PlotColour, points: [DataPoint], style: Style = .lineAndPoints,
                marker: Marker = .circle) {
        self.name = name
        self.colour = colour
        self.points = points
        self.style = style
        self.marker = marker
    }

    /// A series from (x, y) pairs, with `labels[i]` (when given) beside point i.
    public init(name: String, colour: PlotColour, points: [(x: Double, y: Double)], labels: [String]? = nil,
                style: Style = .lineAndPoints, marker: Marker = .circle) {
        let labels = labels ?? []
        let points = points.enumerated().map { index, point in
            DataPoint(x: point.x, y: point.y, label: index < labels.count ? labels[index] : nil)
        }
        self.init(name: name, colour: colour, points: points, style: style, marker: marker)
    }
}
