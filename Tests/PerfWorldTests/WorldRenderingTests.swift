import PerfTestSupport
import PerfWorld
import Testing

/// Rendering: flat paint inside, antialiased edges, areas that match the outlines, sizes and
/// places that scale with the canvas, and the same pixels from the same seed.
@Suite struct WorldRenderingTests {
    static let seeds = SeedSpace.tests.lowerBound + 10_000 ..< SeedSpace.tests.lowerBound + 10_200

    @Test func theSameSeedGivesTheSamePictureAndOthersDiffer() throws {
        let world = World.standard
        var pictures = Set<[UInt8]>()
        for seed in Self.seeds {
            let (scene, picture) = world.example(seed: seed)
            #expect(world.example(seed: seed).picture == picture)
            #expect(world.render(scene, seed: seed) == picture)
            #expect(picture.width == 32 && picture.height == 32 && picture.values.count == 3 * 32 * 32)
            #expect(picture.values.allSatisfy { $0 >= -1 && $0 <= 1 })
            pictures.insert(picture.rgb8)
        }
        #expect(pictures.count == Self.seeds.count)
    }

    @Test func scenesCoverEveryAttributeAndNeverAPattern() {
        var shapes = [Shape: Int](), colours = [Colour: Int](), sizes = [Size: Int](), places = [Position: Int]()
        var backgrounds = [Background: Int](), pairs = 0
        let count = 4000
        for seed in SeedSpace.tests.lowerBound ..< SeedSpace.tests.lowerBound + UInt64(count) {
            let scene = Scene.random(seed: seed)
            #expect(!scene.hasPattern)
            if scene.objects.count == 2 { pairs += 1 }
            backgrounds[scene.background, default: 0] += 1
            for object in scene.objects {
                shapes[object.shape, default: 0] += 1
                colours[object.colour, default: 0] += 1
                sizes[object.size, default: 0] += 1
                places[object.position, default: 0] += 1
            }
        }
        let objects = count + pairs
        #expect(abs(Double(pairs) / Double(count) - 0.5) < 0.04)
        for (share, expected) in [(shapes.values.map { $0 }, 6), (colours.values.map { $0 }, 8), (sizes.values.map { $0 }, 2)] {
            #expect(share.count == expected)
            for observed in share { #expect(abs(Double(observed) / Double(objects) - 1 / Double(expected)) < 0.03) }
        }
        #expect(backgrounds.count == 4 && places.count == 5)
    }

    @Test func insidesAreFlatEdgesAreAntialiasedAndAreasMatchTheOutline() throws {
        let world = try World(width: 64, height: 64, jitter: false)
        for shape in Shape.allCases {
            for colour in [Colour.red, .cyan] {
                let scene = Scene(SceneObject(shape: shape, colour: colour, size: .large, position: .centre), background: .black)
                let picture = world.render(scene, seed: 0)
                let placement = world.placements(for: scene, seed: 0)[0]
                #expect(placement.radius == 13 && placement.x == 32 && placement.y == 32)
                #expect(picture.colour(x: 0, y: 0).rgb == Background.black.rgb)
                var interior = 0, edge = 0
                for y in 0..<64 {
                    for x in 0..<64 {
                        let c = picture.colour(x: x, y: y).rgb
                        if c == colour.rgb { interior += 1 } else if c != Background.black.rgb { edge += 1 }
                    }
                }
                let coverage = world.coverage(scene, seed: 0)[0].reduce(0, +)
                let outline = Float(interior) + Float(edge) / 2
                #expect(interior > 150 && edge > 20, "\(shape)")
                // The covered area agrees with the outline's area in the unit frame, scaled by radius².
                let expected = areaOfUnitOutline(shape) * 13 * 13
                #expect(abs(coverage - expected) / expected < 0.02, "\(shape): \(coverage) vs \(expected)")
                #expect(abs(outline - expected) / expected < 0.08, "\(shape)")
            }
        }
    }

    @Test func placesAndSizesScaleWithTheCanvas() throws {
        let world = try World(width: 96, height: 64, supersampling: 2, jitter: false)
        let object = SceneObject(shape: .square, colour: .blue, size: .small, position: .left)
        let placement = world.placements(for: Scene(object, background: .white), seed: 5)[0]
        #expect(placement.x == 48 - 16 && placement.y == 32 && placement.radius == 8.5)
        let picture = world.render(Scene(object, background: .white), seed: 5)
        #expect(picture.width == 96 && picture.height == 64)
        #expect(picture.colour(x: 32, y: 32).rgb == Colour.blue.rgb)
        #expect(picture.colour(x: 48, y: 32).rgb == Background.white.rgb)
    }

    @Test func jitterStaysSmallAndKeepsPairsApart() {
        let world = World.standard
        for seed in Self.seeds {
            let scene = Scene.random(seed: seed)
            let placements = world.placements(for: scene, seed: seed)
            for (object, placement) in zip(scene.objects, placements) {
                let offset = object.position.offset
                #expect(abs(placement.x - 16 - offset.x) <= 1 && abs(placement.y - 16 - offset.y) <= 1)
                #expect(abs(placement.radius / object.size.radius - 1) <= 0.04 + 1e-6)
            }
            if placements.count == 2 {
                let gap = max(abs(placements[1].x - placements[0].x), abs(placements[1].y - placements[0].y))
                    - placements[0].radius - placements[1].radius
                #expect(gap >= 1.9, "seed \(seed): \(gap)")
            }
        }
    }

    @Test func conceptLooksShowBothColours() throws {
        let world = try World(width: 64, height: 64, jitter: false)
        for look in Look.all {
            let scene = Scene(SceneObject(look: look, size: .large, position: .centre), background: .gray)
            let picture = world.render(scene, seed: 0)
            var seen = [RGB: Int]()
            for y in 0..<64 { for x in 0..<64 { seen[picture.colour(x: x, y: y).rgb, default: 0] += 1 } }
            #expect((seen[look.colour.rgb] ?? 0) > 40 && (seen[look.pattern.secondary.rgb] ?? 0) > 20, "\(look)")
        }
    }

    @Test func bytesAndPlanesRoundTrip() throws {
        let picture = World.standard.example(seed: SeedSpace.tests.lowerBound).picture
        let bytes = picture.rgb8
        let back = try PlanarImage(width: 32, height: 32, rgb8: bytes)
        #expect(back.rgb8 == bytes)
        #expect(zip(back.values, picture.values).allSatisfy { abs($0 - $1) <= 1 / 255 + 1e-6 })
    }

    @Test func badSettingsAndPixelDataAreRejected() {
        #expect(throws: WorldError.self) { try World(width: 0) }
        #expect(throws: WorldError.self) { try World(height: 5000) }
        #expect(throws: WorldError.self) { try World(supersampling: 0) }
        #expect(throws: WorldError.self) { try PlanarImage(width: 2, height: 2, values: [0, 0]) }
        #expect(throws: WorldError.self) { try PlanarImage(width: -1, height: 2, values: []) }
        #expect(throws: WorldError.self) { try PlanarImage(width: 1 << 20, height: 1 << 20, rgb8: []) }
        #expect(throws: WorldError.self) { try Degradation(blur: -1, noise: 0, tint: 0) }
        #expect(throws: WorldError.self) { try Degradation(blur: .nan, noise: 0, tint: 0) }
        // A placement far off the canvas paints nothing and does not trap.
        let scene = Scene(SceneObject(shape: .circle, colour: .red, size: .large, position: .centre), background: .white)
        let off = World.standard.render(scene, placements: [Placement(x: -500, y: 900, radius: 3)])
        #expect(off.rgb8.allSatisfy { $0 == 245 })
    }

    /// The outline's area in the unit frame, measured here independently on a fine grid.
    func areaOfUnitOutline(_ shape: Shape) -> Float {
        let steps = 400
        var inside = 0
        for row in 0..<steps {
            for column in 0..<steps {
                let u = -1.1 + 2.2 * (Float(column) + 0.5) / Float(steps), v = -1.1 + 2.2 * (Float(row) + 0.5) / Float(steps)
                if shape.contains(u, v) { inside += 1 }
            }
        }
        return Float(inside) * 2.2 * 2.2 / Float(steps * steps)
    }
}
