import Foundation
import PerfDiffusion
import PerfTensor

/// The pictures a concept is trained on, as the model sees them (DESIGN §4 `perf train`):
/// every PNG or JPEG file of a folder, scaled to cover the model's resolution and centre
/// cropped, encoded by the VAE when the model has one, and mirrored (horizontal flips). With a
/// masks folder, each picture needs a mask of the same name (any extension): grey levels
/// (times alpha) weight the denoising loss, pooled to the model's sample resolution. With a
/// captions folder, each picture needs a caption file of the same name (`NAME.txt`, one line,
/// `{}` where the concept is), used instead of the trainer's templates.
public struct TrainingSet: Sendable {
    /// One training picture.
    public struct Item: Sendable {
        /// The picture file.
        public let file: URL
        /// Its mask file, if masks were given.
        public let mask: URL?
        /// The model's inputs [1, C, h, w]: the picture, then the mirrored picture.
        public let samples: [Tensor]
        /// Loss weights [1, 1, h, w] for each sample, nil without masks.
        public let weights: [Tensor]?
        /// Its caption (`{}` for the concept), if captions were given.
        public let caption: String?
        /// Its caption file, if captions were given.
        public let captionFile: URL?
    }

    /// The pictures, in file-name order.
    public let items: [Item]

    /// File extensions read as pictures.
    public static let pictureExtensions: Set<String> = ["png", "jpg", "jpeg"]

    /// Loads every picture of `images` (and their masks from `masks`, their captions from
    /// `captions`) for `model`.
    public init(images: URL, masks: URL?, captions: URL? = nil, model: StableDiffusion) throws {
        let files = try Self.pictures(in: images, what: "training pictures")
        guard !files.isEmpty else {
            throw PerfusionError(images.path, .invalidArgument("holds no PNG or JPEG picture; put the concept's pictures there (one is enough)"))
        }
        let maskFiles = try masks.map { try Self.pictures(in: $0, what: "masks") } ?? []
        let masksByStem = Dictionary(maskFiles.map { ($0.deletingPathExtension().lastPathComponent, $0) }) { first, _ in first }
        let downscale = model.downscale
        let side = (model.unet.config.sampleSize ?? 64) * downscale
        var items: [Item] = []
        for file in files {
            let picture = try Picture.read(from: file).resizedToCover(width: side, height: side)
            let samples = try [picture, picture.mirrored()].map { try Self.sample($0, model: model) }
            var mask: URL?
            var weights: [Tensor]?
            if let masks {
                guard let found = masksByStem[file.deletingPathExtension().lastPathComponent] else {
                    throw PerfusionError(file.path, .invalidArgument("has no mask in \(masks.path); give every picture a mask of the same name, or train without --masks"))
                }
                mask = found
                let grey = try Picture.read(from: found).resizedToCover(width: side, height: side)
                weights = [Self.weights(grey, pool: downscale), Self.weights(grey.mirrored(), pool: downscale)]
            }
            let captionFile = captions.map { $0.appendingPathComponent(file.deletingPathExtension().lastPathComponent + ".txt") }
            let caption = try captionFile.map { try Self.caption($0, picture: file) }
            items.append(Item(file: file, mask: mask, samples: samples, weights: weights, caption: caption, captionFile: captionFile))
        }
        self.items = items
    }

    /// The picture files of `folder`, sorted by name.
    static func pictures(in folder: URL, what: String) throws -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw PerfusionError(folder.path, .io("cannot list the \(what) folder (\(error.localizedDescription))"))
        }
        return names.filter { !$0.hasPrefix(".") && pictureExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted().map { folder.appendingPathComponent($0) }
    }

    /// The one-line caption in `file` for `picture`, which must hold `{}` for the concept.
    static func caption(_ file: URL, picture: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw PerfusionError(picture.path, .invalidArgument("has no caption file \(file.path); give every picture a caption "
                                                                + "of the same name, or train without --captions"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PerfusionError(file.path, .invalidArgument("is not UTF-8 text; write the caption as one line of UTF-8"))
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard lines.count == 1, let caption = lines.first else {
            throw PerfusionError(file.path, .invalidArgument("holds \(lines.count) lines; a caption file holds one line"))
        }
        guard caption.contains(PromptTemplates.placeholder) else {
            throw PerfusionError(file.path, .invalidArgument("has no {} in \"\(caption)\"; write {} where the concept is, "
                                                             + "e.g. \"a large {} on the left\""))
        }
        return caption
    }

    /// The model input of `picture`: scaled VAE latents (the distribution's mean, so training
    /// is deterministic), or the pixels for a pixel-space model.
    static func sample(_ picture: Picture, model: StableDiffusion) throws -> Tensor {
        let pixels = Tensor(shape: [1, 3, picture.height, picture.width], scalars: Array(picture.planes().prefix(3 * picture.height * picture.width)))
        guard let autoencoder = model.autoencoder else { return pixels }
        return autoencoder.scaled(try autoencoder.encode(pixels).mean)
    }

    /// Loss weights [1, 1, h, w] in [0, 1]: the mask's grey level times its alpha, averaged over
    /// `pool`×`pool` pixel cells.
    static func weights(_ mask: Picture, pool: Int) -> Tensor {
        let channels = mask.format.channels
        let height = mask.height / pool, width = mask.width / pool
        var values = [Float](repeating: 0, count: height * width)
        for y in 0..<height * pool {
            for x in 0..<width * pool {
                let at = (y * mask.width + x) * channels
                let grey = (Float(mask.pixels[at]) + Float(mask.pixels[at + 1]) + Float(mask.pixels[at + 2])) / (3 * 255)
                let alpha = channels == 4 ? Float(mask.pixels[at + 3]) / 255 : 1
                values[(y / pool) * width + x / pool] += grey * alpha / Float(pool * pool)
            }
        }
        return Tensor(shape: [1, 1, height, width], scalars: values)
    }
}
