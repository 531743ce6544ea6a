import PerfWorld
import Testing

/// Degradation blurs, casts and noises a picture by seed, within [−1, 1].
@Suite struct DegradationTests {
    @Test func mildDegradationChangesPixelsByItsNoiseAndKeepsTheMean() throws {
        let picture = World.standard.example(seed: SeedSpace.tests.lowerBound + 7).picture
        let degraded = Degradation.mild.apply(to: picture, seed: 1)
        #expect(degraded == Degradation.mild.apply(to: picture, seed: 1))
        #expect(degraded != Degradation.mild.apply(to: picture, seed: 2))
        #expect(degraded.values.allSatisfy { $0 >= -1 && $0 <= 1 })
        let noiseOnly = try Degradation(blur: 0, noise: 0.08, tint: 0).apply(to: picture, seed: 3)
        let inRange = zip(noiseOnly.values, picture.values).filter { $1 > -0.7 && $1 < 0.7 }
        let differences = inRange.map { $0 - $1 }
        let mean = differences.reduce(0, +) / Float(differences.count)
        let deviation = (differences.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(differences.count)).squareRoot()
        #expect(abs(mean) < 0.01 && abs(deviation - 0.08) < 0.01, "mean \(mean), deviation \(deviation)")
        #expect(Degradation.none.apply(to: picture, seed: 9) == picture)
    }

    @Test func blurSpreadsAnEdgeAndKeepsFlatAreas() throws {
        let scene = Scene(SceneObject(shape: .square, colour: .blue, size: .large, position: .centre), background: .white)
        let picture = try World(jitter: false).render(scene, seed: 0)
        let blurred = try Degradation(blur: 1, noise: 0, tint: 0).apply(to: picture, seed: 0)
        #expect(blurred.colour(x: 16, y: 16).distance(to: picture.colour(x: 16, y: 16)) < 1e-4)
        #expect(blurred.colour(x: 0, y: 0).distance(to: picture.colour(x: 0, y: 0)) < 1e-4)
        // The first pixel outside the square's right edge (16 + 0.86 × 6.5 ≈ 21.6) picks up blue.
        #expect(picture.colour(x: 22, y: 16).blue > blurred.colour(x: 22, y: 16).blue - 1e-6)
        #expect(picture.colour(x: 22, y: 16).red - blurred.colour(x: 22, y: 16).red > 0.1)
    }
}
