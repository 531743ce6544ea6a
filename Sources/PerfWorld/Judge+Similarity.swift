extension Judge {
    /// How much `object` (judged in `picture` on a background seen as `background`) looks like `look`:
    /// the look is rendered where the object is, as large as its area says, and compared pixel by
    /// pixel (at the best of shifts up to a pixel, both lightly filtered) and by palette colour shares.
    public func similarity(of object: JudgedObject, in picture: PlanarImage, background: RGB, to look: Look) -> LookSimilarity {
        let picture = picture.clamped()
        let seenBackground = background.unit
        let blobs = segment(picture, background: seenBackground)
        guard let blob = blobs.min(by: { distance($0.centroid, object.centroid) < distance($1.centroid, object.centroid) }) else {
            return LookSimilarity(palette: 0, layout: 0)
        }
        let geometry = look.shape.geometry
        let radius = (blob.area / geometry.area).squareRoot(), centroid = blob.centroid
        let placement = Placement(x: centroid.x - geometry.centroid.u * radius, y: centroid.y - geometry.centroid.v * radius,
                                  radius: radius)
        // The window covers the blob and the look at every shift.
        let bounds = blob.bounds, reach = radius * 1.05 + 2
        let columns = max(0, min(bounds.columns.lowerBound - 1, Int((placement.x - reach).rounded(.down))))
            ... min(picture.width - 1, max(bounds.columns.upperBound + 1, Int((placement.x + reach).rounded(.up))))
        let rows = max(0, min(bounds.rows.lowerBound - 1, Int((placement.y - reach).rounded(.down))))
            ... min(picture.height - 1, max(bounds.rows.upperBound + 1, Int((placement.y + reach).rounded(.up))))
        let stamp = LookStamp(look, at: placement, columns: columns, rows: rows, background: seenBackground)
        var inBlob = [Bool](repeating: false, count: columns.count * rows.count)
        for (pixel, alpha) in zip(blob.pixels, blob.alpha) where alpha >= 0.5 {
            inBlob[(pixel / picture.width - rows.lowerBound) * columns.count + pixel % picture.width - columns.lowerBound] = true
        }
        let smoothed = Self.smoothedColours(picture)
        var best: (distance: Float, histogram: [Colour: Float])?
        let half = LookStamp.samples / 2
        for dy in stride(from: -2 * half, through: 2 * half, by: half) {
            for dx in stride(from: -2 * half, through: 2 * half, by: half) {
                let compared = compare(stamp.shifted(dx: dx, dy: dy), inBlob: inBlob, picture: smoothed, width: picture.width,
                                       columns: columns, rows: rows)
                if best == nil || compared.distance < best!.distance { best = compared }
            }
        }
        let seen = palette(of: blob, in: picture)
        let palette = Colour.allCases.reduce(Float(0)) { $0 + min(seen[$1] ?? 0, best!.histogram[$1] ?? 0) }
        return LookSimilarity(palette: palette, layout: max(0, 1 - best!.distance / 0.5))
    }

    /// Mean colour distance between the (filtered) picture and the look's render filtered alike, over
    /// the pixels the blob or the render covers at least half; and the render's palette shares over
    /// the pixels it covers.
    private func compare(_ render: (colours: [ColourVector], coverage: [Float]), inBlob: [Bool], picture: [ColourVector],
                         width: Int, columns: ClosedRange<Int>, rows: ClosedRange<Int>) -> (distance: Float, histogram: [Colour: Float]) {
        let wide = columns.count, high = rows.count
        var total: Float = 0, counted: Float = 0, histogram = [Colour: Float](), covered: Float = 0
        for row in 0..<high {
            for column in 0..<wide {
                let index = row * wide + column
                if render.coverage[index] >= 0.5 {
                    histogram[Colour.nearest(to: render.colours[index]), default: 0] += 1
                    covered += 1
                }
                guard render.coverage[index] >= 0.5 || inBlob[index] else { continue }
                var red: Float = 0, green: Float = 0, blue: Float = 0
                for dy in -1...1 {
                    for dx in -1...1 {
                        let c = min(max(column + dx, 0), wide - 1), r = min(max(row + dy, 0), high - 1)
                        let weight = Self.binomial[dx + 1] * Self.binomial[dy + 1], colour = render.colours[r * wide + c]
                        red += weight * colour.red
                        green += weight * colour.green
                        blue += weight * colour.blue
                    }
                }
                let pixel = (rows.lowerBound + row) * width + columns.lowerBound + column
                total += picture[pixel].distance(to: ColourVector(red, green, blue))
                counted += 1
            }
        }
        return (counted == 0 ? 2 : total / counted, histogram.mapValues { $0 / max(covered, 1) })
    }

    /// The shares of the palette colours nearest the blob's pixels that are at least half covered.
    private func palette(of blob: Blob, in picture: PlanarImage) -> [Colour: Float] {
        var shares = [Colour: Float](), count: Float = 0
        for (pixel, alpha) in zip(blob.pixels, blob.alpha) where alpha >= 0.5 {
            shares[Colour.nearest(to: picture.colour(x: pixel % blob.width, y: pixel / blob.width)), default: 0] += 1
            count += 1
        }
        return shares.mapValues { $0 / max(count, 1) }
    }

    private func distance(_ a: Point, _ b: Point) -> Float {
        ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
    }
}
