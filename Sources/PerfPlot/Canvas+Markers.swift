extension Canvas {
    /// Draws `marker` centred on `centre`, `radius` pixels from its centre to its edge, filled or
    /// outlined; a centre or radius that is not finite draws nothing.
    public mutating func drawMarker(_ marker: Marker, at centre: PixelPoint, radius: Double, colour: PlotColour,
                                    filled: Bool = true) {
        guard centre.x.isFinite, centre.y.isFinite, radius.isFinite, radius >= 0 else { return }
        let radius = min(radius, Double(Self.maximumSide))
        let area = drawable
        // The pixels the marker may touch, computed in Double so far-away centres cannot overflow.
        let left = max(Double(area.x), (centre.x - radius - 1).rounded(.down))
        let right = min(Double(area.maxX - 1), (centre.x + radius + 1).rounded(.up))
        let top = max(Double(area.y), (centre.y - radius - 1).rounded(.down))
        let bottom = min(Double(area.maxY - 1), (centre.y + radius + 1).rounded(.up))
        guard left <= right, top <= bottom else { return }
        switch marker {
        case .circle:
            for row in Int(top) ... Int(bottom) {
                for column in Int(left) ... Int(right) {
                    let dx = Double(column) - centre.x, dy = Double(row) - centre.y
                    let distance = (dx * dx + dy * dy).squareRoot()
                    let coverage = filled ? radius + 0.5 - distance : 1.25 - abs(distance - radius)
                    plot(x: column, y: row, colour: colour, coverage: coverage)
                }
            }
        case .square:
            // The guard above keeps the corner within a few sides of the canvas, so it fits an Int.
            let side = Int((2 * radius).rounded()) + 1
            let square = PixelRect(x: Int((centre.x - radius).rounded()), y: Int((centre.y - radius).rounded()),
                                   width: side, height: side)
            if filled {
                fill(square, colour: colour)
            } else {
                stroke(square, colour: colour)
            }
        }
    }
}
