import Foundation
import PerfTensor

/// Captioned pictures from a folder: `captions.txt` lists one picture a line as
/// `file.png<TAB>caption`, the PNG files lying beside it, all of one size. Every picture is
/// read and checked when the folder is opened. Batches walk through the pictures in a
/// seeded random order, reshuffled every epoch.
public struct FolderTrainingData: BaseTrainingData {
    /// The folder.
    public let folder: URL
    /// The captions, one per picture.
    public let captions: [String]
    /// Picture height and width.
    public let pictureSize: (height: Int, width: Int)
    /// Every picture's planes [3, H, W] in [−1, 1], one after another.
    private let planes: [Float]

    /// The name of the caption list inside the folder.
    public static let captionFile = "captions.txt"

    /// Opens `folder` and reads every picture its `captions.txt` lists. Throws for a missing or
    /// malformed caption list, a line without a tab or with an empty caption, a file name that
    /// leaves the folder, a missing or unreadable PNG, a picture with transparency, or pictures
    /// of different sizes.
    public init(folder: URL) throws {
        let list = folder.appendingPathComponent(Self.captionFile)
        let data: Data
        do {
            data = try Data(contentsOf: list)
        } catch {
            if !FileManager.default.fileExists(atPath: list.path) {
                throw DiffusionError(list.path, .io("there is no such file; a training folder holds PNG pictures and \(Self.captionFile), one `file.png<TAB>caption` a line"))
            }
            throw DiffusionError(list.path, .io("cannot read it (\(error.localizedDescription))"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DiffusionError(list.path, .malformed(key: nil, "the caption list is not UTF-8 text"))
        }
        var captions: [String] = [], planes: [Float] = []
        var size: (height: Int, width: Int)?
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            func malformed(_ what: String) -> DiffusionError {
                DiffusionError(list.path, .malformed(key: nil, "line \(number + 1): \(what)"))
            }
            guard let tab = line.firstIndex(of: "\t") else { throw malformed("no tab between file name and caption") }
            let name = String(line[..<tab]), caption = line[line.index(after: tab)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("."), !name.contains("\0") else {
                throw malformed("\"\(name)\" is not a file name inside the folder")
            }
            guard !caption.isEmpty else { throw malformed("the caption of \(name) is empty") }
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { throw malformed("the picture \(name) does not exist") }
            let picture = try Picture.readPNG(from: url)
            if let size, size != (picture.height, picture.width) {
                throw DiffusionError(url.path, .picture("the picture is \(picture.width)×\(picture.height) but the folder's first is \(size.width)×\(size.height); every training picture must have one size"))
            }
            size = (picture.height, picture.width)
            planes += try Self.rgbPlanes(picture, source: url.path)
            captions.append(caption)
        }
        guard let size else {
            throw DiffusionError(list.path, .malformed(key: nil, "the caption list names no pictures"))
        }
        self.folder = folder
        self.captions = captions
        self.pictureSize = size
        self.planes = planes
    }

    /// The number of pictures.
    public var count: Int { captions.count }

    /// The pictures at positions `step·size …` of the seeded order: position p is picture
    /// `order(p / count)[p % count]`, each epoch its own shuffle.
    public func batch(step: Int, size: Int, seed: UInt64) throws -> TrainingBatch {
        let area = 3 * pictureSize.height * pictureSize.width
        var pixels: [Float] = []
        pixels.reserveCapacity(size * area)
        var chosen: [String] = []
        var epoch = -1, order: [Int] = []
        for position in step * size ..< (step + 1) * size {
            if position / count != epoch {
                epoch = position / count
                var generator = SeededRandom(seed: seed ^ (0xDA7A_0000_0000 &+ UInt64(epoch) &* 0x9E37_79B9))
                order = Array(0..<count).shuffled(using: &generator)
            }
            let index = order[position % count]
            pixels += planes[index * area ..< (index + 1) * area]
            chosen.append(captions[index])
        }
        return try TrainingBatch(pixels: Tensor(shape: [size, 3, pictureSize.height, pictureSize.width], scalars: pixels),
                                 captions: chosen)
    }

    /// The picture's RGB planes in [−1, 1]; throws for a picture that is not opaque.
    private static func rgbPlanes(_ picture: Picture, source: String) throws -> [Float] {
        let planes = picture.planes()
        guard picture.format == .rgba else { return planes }
        let area = picture.width * picture.height
        guard planes[3 * area ..< 4 * area].allSatisfy({ $0 == 1 }) else {
            throw DiffusionError(source, .picture("the picture has transparent pixels; training pictures must be opaque RGB"))
        }
        return Array(planes[0 ..< 3 * area])
    }
}
