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

    /// The part of the segment from `start` to `end` inside the window (Liang–Barsky clipping),
    /// or nil when none is, or when an end or the segment's extent is not finite.
    static func clip(_ start: PixelPoint, _ end: PixelPoint,
                     toX xs: ClosedRange<Double>, y ys: ClosedRange<Double>) -> (PixelPoint, PixelPoint)? {
        let dx = end.x - start.x, dy = end.y - start.y
        guard start.x.isFinite, start.y.isFinite, dx.isFinite, dy.isFinite else { return nil }
        var enter = 0.0, leave = 1.0
        // Each pair is (direction towards the edge's outside, distance inside the edge).
        for (direction, inside) in [(-dx, start.x - xs.lowerBound), (dx, xs.upperBound - start.x),
                                    (-dy, start.y - ys.lowerBound), (dy, ys.upperBound - start.y)] {
            if direction == 0 {
                if inside < 0 { return nil }
            } else if direction < 0 {
                enter = max(enter, inside / direction)
            } else {
                leave = min(leave, inside / direction)
            }
        }
        guard enter <= leave else { return nil }
        return (PixelPoint(x: start.x + enter * dx, y: start.y + enter * dy),
                PixelPoint(x: start.x + leave * dx, y: start.y + leave * dy))
    }
}
