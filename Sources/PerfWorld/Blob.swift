/// A group of 8-connected object pixels: the judge's raw view of one object.
struct Blob: Sendable {
    /// Pixel indices (row · width + column): the connected pixels and a one-pixel ring around them.
    let pixels: [Int]
    /// Each pixel's coverage, 0–1: its colour's projection on the line from the background to the blob's colour.
    private(set) var alpha: [Float]
    /// The mean colour of the blob's inner pixels.
    let colourSeen: ColourVector
    /// The distance from the background of a fully covered pixel.
    let depth: Float
    /// Whether the pixels lie along one line from the background (one colour, not a pattern).
    let flat: Bool
    /// Canvas width, to turn indices into columns and rows.
    let width: Int

    /// The blob of the connected `members` (whose distances from the background are `distances`),
    /// widened by a ring of pixels not claimed by other blobs (`claimed`).
    init(members: [Int], distances: [Float], claimed: [Bool], picture: PlanarImage, background: ColourVector) {
        let width = picture.width, height = picture.height
        self.width = width
        let inner = members.map { distances[$0] }.sorted()
        let cut = 0.7 * inner[min(inner.count - 1, Int(Float(inner.count) * 0.8))]
        var sum = ColourVector(0, 0, 0), count: Float = 0
        for member in members where distances[member] >= cut {
            let seen = picture.colour(x: member % width, y: member / width)
            sum = ColourVector(sum.red + seen.red, sum.green + seen.green, sum.blue + seen.blue)
            count += 1
        }
        colourSeen = ColourVector(sum.red / count, sum.green / count, sum.blue / count)
        let direction = ColourVector(colourSeen.red - background.red, colourSeen.green - background.green,
                                     colourSeen.blue - background.blue)
        let length = max(colourSeen.distance(to: background), 1e-3)
        // A flat object's pixels lie along one line from the background; a patterned one's do not,
        // and its mean colour can sit near the background: measure its coverage by distance instead.
        let raw = members.map { picture.colour(x: $0 % width, y: $0 / width).distance(to: background) }.sorted()
        let spread = raw[min(raw.count - 1, Int(Float(raw.count) * 0.8))]
        let flat = length >= 0.8 * spread
        self.flat = flat
        depth = flat ? length : spread
        var pixels = members, inBlob = Set(members)
        for member in members {
            let x = member % width, y = member / width
            for ny in max(0, y - 1)...min(height - 1, y + 1) {
                for nx in max(0, x - 1)...min(width - 1, x + 1) where !claimed[ny * width + nx] && !inBlob.contains(ny * width + nx) {
                    inBlob.insert(ny * width + nx)
                    pixels.append(ny * width + nx)
                }
            }
        }
        self.pixels = pixels
        alpha = pixels.map { pixel in
            let seen = picture.colour(x: pixel % width, y: pixel / width)
            guard flat else { return min(seen.distance(to: background) / spread, 1) }
            let along = (seen.red - background.red) * direction.red + (seen.green - background.green) * direction.green
                + (seen.blue - background.blue) * direction.blue
            return min(max(along / (length * length), 0), 1)
        }
    }

    /// The blob with a flat object's coverage measured along the line from the background to
    /// `colour`'s paint, so that a small blurred object whose centre never reaches its full colour
    /// is not taken for a larger, sharper one. Patterned blobs are returned unchanged.
    func measured(against colour: Colour, in picture: PlanarImage, background: ColourVector, floor: Float) -> Blob {
        guard flat else { return self }
        let paint = colour.rgb.unit
        let line = ColourVector(paint.red - background.red, paint.green - background.green, paint.blue - background.blue)
        let squared = max(line.red * line.red + line.green * line.green + line.blue * line.blue, 1e-6)
        let along = pixels.map { pixel in
            let seen = picture.colour(x: pixel % width, y: pixel / width)
            return ((seen.red - background.red) * line.red + (seen.green - background.green) * line.green
                + (seen.blue - background.blue) * line.blue) / squared
        }
        // Full coverage is the paint, or what the brightest tenth of the pixels reach when that is
        // more, or less for an off-colour object, but never less than `floor` of the paint.
        let sorted = along.sorted(), top = sorted[min(sorted.count - 1, Int(Float(sorted.count) * 0.9))]
        let full = min(max(top, floor), 1.5)
        var copy = self
        copy.alpha = along.map { min(max($0 / full, 0), 1) }
        return copy
    }

    /// Area in pixels: the sum of coverage.
    var area: Float { alpha.reduce(0, +) }

    /// Centre of mass (pixel centres weighted by coverage).
    var centroid: Point {
        var sumX: Float = 0, sumY: Float = 0, total: Float = 0
        for (pixel, weight) in zip(pixels, alpha) {
            sumX += (Float(pixel % width) + 0.5) * weight
            sumY += (Float(pixel / width) + 0.5) * weight
            total += weight
        }
        return Point(x: sumX / max(total, 1e-6), y: sumY / max(total, 1e-6))
    }

    /// Columns and rows the blob spans.
    var bounds: (columns: ClosedRange<Int>, rows: ClosedRange<Int>) {
        let columns = pixels.map { $0 % width }, rows = pixels.map { $0 / width }
        return (columns.min()! ... columns.max()!, rows.min()! ... rows.max()!)
    }

    /// The palette colour whose mixtures with the background explain the blob's pixels best: each
    /// pixel is compared with the nearest point on the segment from the background to the colour, so
    /// that a blurred edge (a mixture) still counts for its colour; pixels weigh by their coverage.
    func colour(in picture: PlanarImage, background: ColourVector) -> Colour {
        var residual = [Float](repeating: 0, count: Colour.allCases.count)
        let lines = Colour.allCases.map { colour -> ColourVector in
            let paint = colour.rgb.unit
            return ColourVector(paint.red - background.red, paint.green - background.green, paint.blue - background.blue)
        }
        for (pixel, alpha) in zip(pixels, alpha) where alpha >= 0.3 {
            let seen = picture.colour(x: pixel % width, y: pixel / width)
            let offset = ColourVector(seen.red - background.red, seen.green - background.green, seen.blue - background.blue)
            for (index, line) in lines.enumerated() {
                let length = line.red * line.red + line.green * line.green + line.blue * line.blue
                let along = min(max((offset.red * line.red + offset.green * line.green + offset.blue * line.blue) / length, 0), 1)
                let nearest = ColourVector(along * line.red, along * line.green, along * line.blue)
                residual[index] += alpha * offset.distance(to: nearest)
            }
        }
        guard let best = residual.indices.min(by: { residual[$0] < residual[$1] }), residual.contains(where: { $0 > 0 }) else {
            return Colour.nearest(to: colourSeen)
        }
        return Colour.allCases[best]
    }
}
