extension Shape {
    /// Measured once from the outline: its area and centroid in the unit frame.
    struct Geometry: Sendable {
        /// Area of the outline in the unit frame (π for the circle).
        let area: Float
        /// Centroid of the outline in the unit frame (u, v).
        let centroid: (u: Float, v: Float)
    }

    /// The outline's area and centroid, integrated on a 600×600 grid.
    var geometry: Geometry { Self.geometries[self]! }

    private static let geometries: [Shape: Geometry] = {
        var table: [Shape: Geometry] = [:]
        let steps = 600
        let cell = Float(2.4) / Float(steps)
        for shape in Shape.allCases {
            var count = 0, sumU: Float = 0, sumV: Float = 0
            for row in 0..<steps {
                let v = -1.2 + (Float(row) + 0.5) * cell
                for column in 0..<steps {
                    let u = -1.2 + (Float(column) + 0.5) * cell
                    if shape.contains(u, v) {
                        count += 1
                        sumU += u
                        sumV += v
                    }
                }
            }
            table[shape] = Geometry(area: Float(count) * cell * cell,
                                    centroid: (sumU / Float(count), sumV / Float(count)))
        }
        return table
    }()
}
