/// One bar in every category of a `BarChart`, in one colour and named in the legend: the
/// "colour" accuracy of each method, say.
public struct BarSeries: Sendable, Equatable {
    /// The name shown in the legend; an empty name keeps it out of the legend.
    public var name: String
    /// The bars' colour.
    public var colour: PlotColour
    /// The bar heights, one per category in the chart's order; missing or non-finite values draw no bar.
    public var values: [Double]

    /// A series of bars from its name, colour and values.
    public init(name: String, colour: PlotColour, values: [Double]) {
        self.name = name
        self.colour = colour
        self.values = values
    }
}

/// A dashed horizontal line across a chart at a value, with a short label: "target 0.85".
public struct TargetLine: Sendable, Equatable {
    /// The value the line marks on the y axis.
    public var value: Double
    /// The text drawn above the line at its right end.
    public var label: String

    /// A target line from its value and label.
    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}
