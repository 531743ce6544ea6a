/// An 8-bit RGB colour of a chart's pixels.
public struct PlotColour: Sendable, Hashable, CustomStringConvertible {
    /// Red, 0–255.
    public var red: UInt8
    /// Green, 0–255.
    public var green: UInt8
    /// Blue, 0–255.
    public var blue: UInt8

    /// A colour from its three channels.
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// White: the background of every chart.
    public static let white = PlotColour(255, 255, 255)
    /// Black: axes, tick labels and titles.
    public static let black = PlotColour(0, 0, 0)
    /// The light grey of grid lines.
    static let grid = PlotColour(232, 232, 232)
    /// The mid grey of the legend's frame.
    static let frame = PlotColour(170, 170, 170)
    /// The dark grey of point labels and target lines.
    static let annotation = PlotColour(70, 70, 70)

    /// Eight clearly distinct colours for series, in the order charts use them.
    public static let palette: [PlotColour] = [
        PlotColour(31, 100, 200),   // blue
        PlotColour(240, 130, 0),    // orange
        PlotColour(30, 150, 60),    // green
        PlotColour(210, 40, 40),    // red
        PlotColour(130, 70, 190),   // purple
        PlotColour(0, 170, 170),    // teal
        PlotColour(140, 90, 40),    // brown
        PlotColour(220, 60, 170),   // magenta
    ]

    /// The palette's colour for series number `index`, cycling past the eighth.
    public static func palette(_ index: Int) -> PlotColour {
        let count = palette.count
        return palette[((index % count) + count) % count]
    }

    /// This colour laid over `background` with opacity `coverage` (0 keeps the background).
    public func blended(over background: PlotColour, coverage: Double) -> PlotColour {
        let alpha = coverage.isNaN ? 0 : min(max(coverage, 0), 1)
        func mix(_ top: UInt8, _ bottom: UInt8) -> UInt8 {
            UInt8((Double(top) * alpha + Double(bottom) * (1 - alpha)).rounded())
        }
        return PlotColour(mix(red, background.red), mix(green, background.green), mix(blue, background.blue))
    }

    /// `#rrggbb`.
    public var description: String {
        "#" + [red, green, blue].map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
