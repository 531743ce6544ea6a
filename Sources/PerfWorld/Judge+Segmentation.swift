extension Judge {
    /// The median colour of the picture's border (a ring 2 units wide), channel by channel.
    static func backgroundColour(of picture: PlanarImage) -> ColourVector {
        let ring = max(1, Int((Float(min(picture.width, picture.height)) / 16).rounded()))
        var reds: [Float] = [], greens: [Float] = [], blues: [Float] = []
        for y in 0..<picture.height {
            for x in 0..<picture.width where y < ring || y >= picture.height - ring || x < ring || x >= picture.width - ring {
                let colour = picture.colour(x: x, y: y)
                reds.append(colour.red)
                greens.append(colour.green)
                blues.append(colour.blue)
            }
        }
        func median(_ values: [Float]) -> Float { values.sorted()[values.count / 2] }
        return ColourVector(median(reds), median(greens), median(blues))
    }

    /// The blobs of object pixels, largest first: 8-connected pixels at least `threshold` from the
    /// background in the lightly smoothed picture, at least 5 units² in area (smaller ones are noise).
    func segment(_ picture: PlanarImage, background: ColourVector) -> [Blob] {
        let width = picture.width, height = picture.height
        let distance = Self.distances(picture, background: background, smoothed: true)
        let unit = Float(min(width, height)) / 32
        let smallest = max(4, Int(5 * unit * unit))
        var claimed = [Bool](repeating: false, count: width * height)
        var groups: [[Int]] = []
        for start in distance.indices where distance[start] > threshold && !claimed[start] {
            var pixels = [start], next = 0
            claimed[start] = true
            while next < pixels.count {
                let pixel = pixels[next]
                next += 1
                let x = pixel % width, y = pixel / width
                for ny in max(0, y - 1)...min(height - 1, y + 1) {
                    for nx in max(0, x - 1)...min(width - 1, x + 1) {
                        let neighbour = ny * width + nx
                        if !claimed[neighbour] && distance[neighbour] > threshold {
                            claimed[neighbour] = true
                            pixels.append(neighbour)
                        }
                    }
                }
            }
            if pixels.count >= smallest { groups.append(pixels) }
        }
        return groups.sorted { $0.count > $1.count }.map { members in
            Blob(members: members, distances: distance, claimed: claimed, picture: picture, background: background)
        }
    }

    /// Each pixel's colour distance from `background`; with `smoothed`, the larger of the distance
    /// of the picture filtered by a 3×3 binomial kernel (noise σ × 0.375) and, past `patternDepth`,
    /// the filtered distances themselves (so that a two-colour pattern whose colours average to the
    /// background stays whole).
    static func distances(_ picture: PlanarImage, background: ColourVector, smoothed: Bool) -> [Float] {
        let width = picture.width, height = picture.height
        var raw = [Float](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width { raw[y * width + x] = picture.colour(x: x, y: y).distance(to: background) }
        }
        guard smoothed else { return raw }
        let colours = smoothedColours(picture)
        return raw.indices.map { index in
            let x = index % width, y = index / width
            var mean: Float = 0
            for dy in -1...1 {
                for dx in -1...1 {
                    let nx = min(max(x + dx, 0), width - 1), ny = min(max(y + dy, 0), height - 1)
                    mean += binomial[dx + 1] * binomial[dy + 1] * raw[ny * width + nx]
                }
            }
            let colourDistance = colours[index].distance(to: background)
            return mean > patternDepth ? max(colourDistance, mean) : colourDistance
        }
    }

    /// The filtered distances above which a pixel belongs to an object whatever its filtered colour.
    static let patternDepth: Float = 0.25

    /// The 3×3 binomial kernel's weights along one axis.
    static let binomial: [Float] = [0.25, 0.5, 0.25]

    /// The picture filtered by the 3×3 binomial kernel, edges clamped, as colours row-major.
    static func smoothedColours(_ picture: PlanarImage) -> [ColourVector] {
        let width = picture.width, height = picture.height
        var colours = [ColourVector](repeating: ColourVector(0, 0, 0), count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                var red: Float = 0, green: Float = 0, blue: Float = 0
                for dy in -1...1 {
                    for dx in -1...1 {
                        let nx = min(max(x + dx, 0), width - 1), ny = min(max(y + dy, 0), height - 1)
                        let weight = binomial[dx + 1] * binomial[dy + 1], colour = picture.colour(x: nx, y: ny)
                        red += weight * colour.red
                        green += weight * colour.green
                        blue += weight * colour.blue
                    }
                }
                colours[y * width + x] = ColourVector(red, green, blue)
            }
        }
        return colours
    }
}
