extension World {
    /// Where each object of `scene` lands; the jitter (when on) is drawn from `seed`.
    public func placements(for scene: Scene, seed: UInt64) -> [Placement] {
        var random = WorldRandom(seed: seed, stream: 1)
        let paired = scene.relation
        return scene.objects.map { object in
            // Draw every number even without jitter, so that the stream never shifts.
            let scale = random.uniform(0.96, 1.04), along = random.uniform(-1, 1), across = random.uniform(-1, 1)
            var dx = along, dy = across
            switch paired {
            case .nextTo?: dx = along / 4
            case .above?: (dx, dy) = (across, along / 4)
            case nil: break
            }
            if !jitter { (dx, dy) = (0, 0) }
            let offset = object.position.offset
            return Placement(x: Float(width) / 2 + (offset.x + dx) * unit,
                             y: Float(height) / 2 + (offset.y + dy) * unit,
                             radius: object.size.radius * (jitter ? scale : 1) * unit)
        }
    }

    /// The picture of `scene`, jittered by `seed`: planes [3, height, width] in [−1, 1].
    public func render(_ scene: Scene, seed: UInt64) -> PlanarImage {
        rasterize(scene, placements: placements(for: scene, seed: seed)).picture
    }

    /// The picture of `scene` with its objects at `placements`.
    public func render(_ scene: Scene, placements: [Placement]) -> PlanarImage {
        rasterize(scene, placements: placements).picture
    }

    /// Each object's coverage of each pixel (0–1), row-major [height, width]: masks for training.
    public func coverage(_ scene: Scene, seed: UInt64) -> [[Float]] {
        rasterize(scene, placements: placements(for: scene, seed: seed)).coverage
    }

    /// The base scene of `seed` and its picture.
    public func example(seed: UInt64) -> (scene: Scene, picture: PlanarImage) {
        let scene = Scene.random(seed: seed)
        return (scene, render(scene, seed: seed))
    }

    /// Supersampled rasterization: each pixel averages supersampling² samples of the paint.
    private func rasterize(_ scene: Scene, placements: [Placement]) -> (picture: PlanarImage, coverage: [[Float]]) {
        let area = width * height, samples = supersampling * supersampling
        let background = scene.background.rgb.unit
        var values = [Float](repeating: 0, count: 3 * area)
        var coverage = [[Float]](repeating: [Float](repeating: 0, count: area), count: scene.objects.count)
        let painted = zip(scene.objects, placements).map { object, placement in
            ObjectRaster(object: object, placement: placement, width: width, height: height)
        }
        let step = 1 / Float(supersampling)
        for row in 0..<height {
            for column in 0..<width {
                var red: Float = 0, green: Float = 0, blue: Float = 0
                var hits = [Int](repeating: 0, count: painted.count)
                let inside = painted.indices.filter { painted[$0].touches(column: column, row: row) }
                for sy in 0..<supersampling {
                    let y = Float(row) + (Float(sy) + 0.5) * step
                    for sx in 0..<supersampling {
                        let x = Float(column) + (Float(sx) + 0.5) * step
                        var colour = background
                        for index in inside {
                            if let paint = painted[index].paint(x: x, y: y) {
                                colour = paint
                                hits[index] += 1
                            }
                        }
                        red += colour.red
                        green += colour.green
                        blue += colour.blue
                    }
                }
                let position = row * width + column, scale = 2 / Float(samples)
                values[position] = red * scale - 1
                values[area + position] = green * scale - 1
                values[2 * area + position] = blue * scale - 1
                for index in inside { coverage[index][position] = Float(hits[index]) / Float(samples) }
            }
        }
        return (PlanarImage(unchecked: width, height, values), coverage)
    }
}

/// One object ready to paint: its frame and the pixels its outline can touch.
struct ObjectRaster {
    let object: SceneObject
    let placement: Placement
    let columns: ClosedRange<Int>
    let rows: ClosedRange<Int>

    init(object: SceneObject, placement: Placement, width: Int, height: Int) {
        self.object = object
        self.placement = placement
        let reach = placement.radius * 1.05 + 1
        columns = Self.span(placement.x - reach, placement.x + reach, limit: width)
        rows = Self.span(placement.y - reach, placement.y + reach, limit: height)
    }

    /// The pixel indices from `lower` to `upper`, kept inside 0..<limit.
    private static func span(_ lower: Float, _ upper: Float, limit: Int) -> ClosedRange<Int> {
        let first = min(max(0, Int(lower.rounded(.down))), limit - 1)
        return first ... max(first, min(limit - 1, Int(upper.rounded(.up))))
    }

    func touches(column: Int, row: Int) -> Bool { columns.contains(column) && rows.contains(row) }

    /// The paint at canvas point (x, y), or nil outside the outline.
    func paint(x: Float, y: Float) -> ColourVector? {
        let u = (x - placement.x) / placement.radius, v = (y - placement.y) / placement.radius
        guard abs(u) <= 1.05, abs(v) <= 1.05, object.shape.contains(u, v) else { return nil }
        return object.paint(u, v).rgb.unit
    }
}
