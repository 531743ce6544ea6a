import Foundation
import PerfDiffusion
import PerfTestSupport
import Testing

/// JPEG pictures through libjpeg, against what Pillow (its own libjpeg) decodes from the same
/// files (Fixtures/make_jpeg.py); damaged files are refused with their path named.
@Suite struct PictureJPEGTests {
    static let fixtures = RepositoryPaths.tests.appendingPathComponent("PerfDiffusionTests/Fixtures")

    struct Decoded: Decodable {
        let width: Int
        let height: Int
        let pixels: [Int]
    }

    static func reference() throws -> [String: Decoded] {
        try JSONDecoder().decode([String: Decoded].self, from: Data(contentsOf: fixtures.appendingPathComponent("jpeg-pixels.json")))
    }

    @Test(arguments: ["picture.jpg", "grey.jpg"])
    func decodesLikePillow(_ name: String) throws {
        let expected = try #require(try Self.reference()[name])
        let picture = try Picture.read(from: Self.fixtures.appendingPathComponent(name))
        #expect(picture.width == expected.width && picture.height == expected.height && picture.format == .rgb)
        // libjpeg builds may round the inverse DCT and the upsampling differently: allow 2 levels.
        let worst = zip(picture.pixels, expected.pixels).map { abs(Int($0) - $1) }.max() ?? 0
        #expect(picture.pixels.count == expected.pixels.count && worst <= 2, "largest difference \(worst)")
    }

    @Test func readDetectsTheFormatByContentNotByName() throws {
        let dir = try TemporaryDirectory("perf-jpeg")
        let misnamed = dir.path("really-a-jpeg.png")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("picture.jpg"), to: misnamed)
        #expect(try Picture.read(from: misnamed).width == 12)
        let text = try dir.write("notes.jpg", Data("not a picture".utf8))
        let error = try #require(throws: DiffusionError.self) { try Picture.read(from: text) }
        #expect(error.description.contains("notes.jpg") && error.description.contains("neither a PNG nor a JPEG"))
    }

    @Test func damagedJPEGsAreRefusedNotCrashed() throws {
        let original = try Data(contentsOf: Self.fixtures.appendingPathComponent("picture.jpg"))
        let dir = try TemporaryDirectory("perf-jpeg")
        var random = SeededRandomNumberGenerator(seed: 11)
        var cases: [Data] = [Data(original.prefix(3)), Data(original.prefix(20)), Data(original.prefix(original.count / 2))]
        for _ in 0..<200 {
            var damaged = original
            for _ in 0..<4 { damaged[Int.random(in: 3..<damaged.count, using: &random)] = UInt8.random(in: 0...255, using: &random) }
            cases.append(damaged)
        }
        var refused = 0
        for (index, data) in cases.enumerated() {
            let file = try dir.write("damaged-\(index).jpg", data)
            do {
                let picture = try Picture.read(from: file)
                #expect(picture.pixels.count == picture.width * picture.height * 3)
            } catch let error as DiffusionError {
                #expect(error.description.contains("damaged-\(index).jpg"))
                refused += 1
            }
        }
        // Truncated headers must fail; libjpeg recovers from some damage in the entropy-coded data.
        #expect(refused >= 2)
    }
}
