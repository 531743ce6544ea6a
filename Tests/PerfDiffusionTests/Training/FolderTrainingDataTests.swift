import Foundation
import PerfDiffusion
import PerfTestSupport
import Testing

/// Captioned PNG folders as training data: reading, the seeded epoch order, and bad folders.
@Suite struct FolderTrainingDataTests {
    /// A folder of `count` 4×4 pictures, picture k filled with grey level 10·k, captioned "picture k".
    static func folder(_ directory: TemporaryDirectory, count: Int, size: Int = 4, format: Picture.Format = .rgb) throws -> URL {
        var lines: [String] = []
        try FileManager.default.createDirectory(at: directory.path("data"), withIntermediateDirectories: true)
        for k in 0..<count {
            let pixel = [UInt8](repeating: UInt8(10 * k), count: 3) + (format == .rgba ? [255] : [])
            let picture = try Picture(width: size, height: size, format: format,
                                      pixels: Array([[UInt8]](repeating: pixel, count: size * size).joined()))
            try picture.writePNG(to: directory.path("data/p\(k).png"))
            lines.append("p\(k).png\tpicture \(k)")
        }
        try directory.write("data/captions.txt", lines.joined(separator: "\n") + "\n")
        return directory.path("data")
    }

    @Test func batchesWalkEveryPictureOncePerEpoch() throws {
        let directory = try TemporaryDirectory("perf-data")
        let data = try FolderTrainingData(folder: Self.folder(directory, count: 5))
        #expect(data.count == 5 && data.pictureSize == (4, 4))
        var seen: [String] = []
        for step in 0..<5 {
            let batch = try data.batch(step: step, size: 2, seed: 9)
            #expect(batch.pixels.shape == [2, 3, 4, 4])
            for (item, caption) in batch.captions.enumerated() {
                let k = Int(caption.split(separator: " ")[1])!
                #expect(batch.pixels.scalars[item * 48] == Float(10 * k) / 255 * 2 - 1, "pixels follow their caption")
            }
            seen += batch.captions
        }
        #expect(Set(seen.prefix(5)).count == 5 && Set(seen.suffix(5)).count == 5, "each epoch holds every picture")
        #expect(Array(seen.prefix(5)) != Array(seen.suffix(5)), "each epoch is shuffled anew")
        #expect(try data.batch(step: 3, size: 2, seed: 9).captions == Array(seen[6..<8]))
        #expect(try data.batch(step: 3, size: 2, seed: 10).captions != Array(seen[6..<8]) || data.batch(step: 0, size: 2, seed: 10).captions != Array(seen[0..<2]))
    }

    @Test func opaqueRGBAPicturesAreRead() throws {
        let directory = try TemporaryDirectory("perf-data")
        let data = try FolderTrainingData(folder: Self.folder(directory, count: 2, format: .rgba))
        #expect(try data.batch(step: 0, size: 2, seed: 0).pixels.shape == [2, 3, 4, 4])
    }

    @Test func badFoldersAreRefused() throws {
        let directory = try TemporaryDirectory("perf-data")
        let url = try Self.folder(directory, count: 2)
        func refused(_ captions: String, _ comment: Comment) {
            #expect(throws: DiffusionError.self, comment) {
                try directory.write("data/captions.txt", captions)
                _ = try FolderTrainingData(folder: url)
            }
        }
        refused("", "no pictures")
        refused("p0.png picture 0\n", "no tab")
        refused("p0.png\t  \n", "empty caption")
        refused("../p0.png\tescape\n", "a path leaving the folder")
        refused("/etc/passwd\tabsolute\n", "an absolute path")
        refused("missing.png\ta missing picture\n", "a missing file")
        refused("captions.txt\tnot a picture\n", "not a PNG")
        try Picture(width: 8, height: 8, format: .rgb, pixels: [UInt8](repeating: 0, count: 192)).writePNG(to: directory.path("data/big.png"))
        refused("p0.png\tsmall\nbig.png\tbig\n", "two sizes")
        try Picture(width: 4, height: 4, format: .rgba, pixels: [UInt8](repeating: 0, count: 64)).writePNG(to: directory.path("data/clear.png"))
        refused("clear.png\ttransparent\n", "transparency")
        #expect(throws: DiffusionError.self) { try FolderTrainingData(folder: directory.path("absent")) }
    }
}
