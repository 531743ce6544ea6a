extension Canvas {
    /// Draws a straight line `width` pixels wide with round ends, anti-aliased at its edges.
    ///
    /// Ends may lie anywhere, however far outside the canvas: the line is clipped; a line with
    /// an end that is not finite, or a width that is not positive, draws nothing.
    public mutating func drawLine(from start: PixelPoint, to end: PixelPoint, width: Double = 1, colour: PlotColour) {
        guard width.isFinite, width > 0 else { return }
        let area = drawable
        guard !area.isEmpty else { return }
        let radius = min(width, Double(Self.maximumSide)) / 2
        let margin = radius + 1
        let window = (minX: Double(area.x) - margin, minY: Double(area.y) - margin,
                      maxX: Double(area.maxX - 1) + margin, maxY: Double(area.maxY - 1) + margin)
        guard let (a, b) = Self.clip(start, end, toX: window.minX ... window.maxX, y: window.minY ... window.maxY)
        else { return }
        let dx = b.x - a.x, dy = b.y - a.y, lengthSquared = dx * dx + dy * dy
        let firstRow = max(Int((min(a.y, b.y) - margin).rounded(.down)), area.y)
        let lastRow = min(Int((max(a.y, b.y) + margin).rounded(.up)), area.maxY - 1)
        guard firstRow <= lastRow else { return }
        for row in firstRow ... lastRow {
            // The part of the centre line within `margin` rows of this row bounds the columns to visit.
            var low = 0.0, high = 1.0
            if abs(dy) > 1e-9 {
                let t0 = (Double(row) - margin - a.y) / dy, t1 = (Double(row) + margin - a.y) / dy
                low = max(min(t0, t1), 0)
                high = min(max(t0, t1), 1)
                if low > high { continue }
            }
            let xLow = a.x + low * dx, xHigh = a.x + high * dx
            let firstColumn = max(Int((min(xLow, xHigh) - margin).rounded(.down)), area.x)
            let lastColumn = min(Int((max(xLow, xHigh) + margin).rounded(.up)), area.maxX - 1)
            guard firstColumn <= lastColumn else { continue }
            for column in firstColumn ... lastColumn {
                let px = Double(column) - a.x, py = Double(row) - a.y
                let t = lengthSquared > 0 ? min(max((px * dx + py * dy) / lengthSquared, 0), 1) : 0
                let ex = px - t * dx, ey = py - t * dy
                let distance = (ex * ex + ey * ey).squareRoot()
                plot(x: column, y: row, colour: colour, coverage: radius + 0.5 - distance)
            }
        }
    }

    /// Draws lines through consecutive points; a point that is not finite breaks the line there.
    public mutating func drawPolyline(_ points: [PixelPoint], width: Double = 1, colour: PlotColour) {
        for (start, end) in zip(points, points.dropFirst()) {
            drawLine(from: start, to: end, width: width, colour: colour)
        }
    }

    /// The part of the segment from `start` to `end` inside the window, or nil when none is, or
    /// when an end or the segment's extent is not finite.
    ///
    /// Each cut point is computed from the slope and set exactly on the edge it crosses, so a
    /// horizontal or vertical line from far away still lands on the right row or column.
    static func clip(_ start: PixelPoint, _ end: PixelPoint,
                     toX xs: ClosedRange<Double>, y ys: ClosedRange<Double>) -> (PixelPoint, PixelPoint)? {
        guard start.x.isFinite, start.y.isFinite, (end.x - start.x).isFinite, (end.y - start.y).isFinite else { return nil }
        var a = start, b = end
        guard cut(&a, &b, along: \.x, across: \.y, to: xs), cut(&a, &b, along: \.y, across: \.x, to: ys) else { return nil }
        // Rounding far from the window may leave a cut point a hair outside it: pull it back in.
        for (coordinate, range) in [(\PixelPoint.x, xs), (\PixelPoint.y, ys)] {
            guard a[keyPath: coordinate].isFinite, b[keyPath: coordinate].isFinite else { return nil }
            a[keyPath: coordinate] = min(max(a[keyPath: coordinate], range.lowerBound), range.upperBound)
            b[keyPath: coordinate] = min(max(b[keyPath: coordinate], range.lowerBound), range.upperBound)
        }
        return (a, b)
    }

    /// Cuts the segment `a`–`b` to `range` along one coordinate, moving the other along the
    /// line; false when the segment lies wholly outside.
    private static func cut(_ a: inout PixelPoint, _ b: inout PixelPoint, along: WritableKeyPath<PixelPoint, Double>,
                            across: WritableKeyPath<PixelPoint, Double>, to range: ClosedRange<Double>) -> Bool {
        if a[keyPath: along] > b[keyPath: along] { swap(&a, &b) }
        guard b[keyPath: along] >= range.lowerBound, a[keyPath: along] <= range.upperBound else { return false }
        let run = b[keyPath: along] - a[keyPath: along]
        guard run > 0 else { return true }
        let slope = (b[keyPath: across] - a[keyPath: across]) / run
        if a[keyPath: along] < range.lowerBound {
            a[keyPath: across] += (range.lowerBound - a[keyPath: along]) * slope
            a[keyPath: along] = range.lowerBound
        }
        if b[keyPath: along] > range.upperBound {
            b[keyPath: across] -= (b[keyPath: along] - range.upperBound) * slope
            b[keyPath: along] = range.upperBound
        }
        return true
    }
}
