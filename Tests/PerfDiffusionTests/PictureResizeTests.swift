import Foundation
import PerfDiffusion
import PerfTestSupport
import Testing

/// Resizing training pictures: the same as Pillow's antialiased bilinear resize and a centre
/// crop (Fixtures/make_resize.py), shrinking and enlarging; mirroring.
@Suite struct PictureResizeTests {
    struct Case: Decodable {
        let width: Int
        let height: Int
        let pixels: [UInt8]
        let target_width: Int
        let target_height: Int
        let expected: [Int]
    }

    @Test func coversAndCropsLikePillow() throws {
        let url = RepositoryPaths.tests.appendingPathComponent("PerfDiffusionTests/Fixtures/resize.json")
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
        #expect(cases.count == 5)
        for item in cases {
            let picture = try Picture(width: item.width, height: item.height, format: .rgb, pixels: item.pixels)
            let resized = try picture.resizedToCover(width: item.target_width, height: item.target_height)
            #expect(resized.width == item.target_width && resized.height == item.target_height)
            // Pillow computes in fixed point: allow one level of rounding.
            let worst = zip(resized.pixels, item.expected).map { abs(Int($0) - $1) }.max() ?? 0
            #expect(worst <= 1, "\(item.width)×\(item.height) → \(item.target_width)×\(item.target_height): off by \(worst)")
        }
    }

    @Test func mirroringTwiceIsTheIdentityAndSwapsColumns() throws {
        let picture = try Picture(width: 3, height: 1, format: .rgb, pixels: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(picture.mirrored().pixels == [7, 8, 9, 4, 5, 6, 1, 2, 3])
        #expect(picture.mirrored().mirrored() == picture)
        #expect(throws: DiffusionError.self) { try picture.resizedToCover(width: 0, height: 4) }
    }
}
