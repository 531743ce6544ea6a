import PerfTensor

/// One batch of training pictures with their captions.
public struct TrainingBatch: Sendable {
    /// RGB pixels in [−1, 1]: [B, 3, H, W].
    public let pixels: Tensor
    /// One caption per picture.
    public let captions: [String]

    /// A batch; throws unless `pixels` is [captions.count, 3, H, W].
    public init(pixels: Tensor, captions: [String]) throws {
        guard pixels.rank == 4, pixels.shape[0] == captions.count, pixels.shape[1] == 3, !captions.isEmpty else {
            throw DiffusionError("training data", .invalidArgument("pixels of shape \(pixels.shape) for \(captions.count) captions; a batch is [captions, 3, height, width]"))
        }
        self.pixels = pixels
        self.captions = captions
    }

    /// Part `index` of `count` equal consecutive parts (`count` divides the batch).
    func part(_ index: Int, of count: Int) -> TrainingBatch {
        let size = captions.count / count, range = index * size ..< (index + 1) * size
        return TrainingBatch(checkedPixels: pixels.slice(axis: 0, range), captions: Array(captions[range]))
    }

    private init(checkedPixels: Tensor, captions: [String]) {
        pixels = checkedPixels
        self.captions = captions
    }
}

/// Where `perf base train` takes its pictures from: a folder of captioned PNG files
/// (`FolderTrainingData`) or a generator such as the built-in world (DESIGN §5).
///
/// A batch is a pure function of the step, so that a resumed run sees the same batches as
/// an uninterrupted one and nothing about the data needs saving in a checkpoint.
public protocol BaseTrainingData: Sendable {
    /// Picture height and width in pixels.
    var pictureSize: (height: Int, width: Int) { get }

    /// The batch of `size` pictures for training step `step` (0-based), the same for the same
    /// `step`, `size` and `seed`.
    func batch(step: Int, size: Int, seed: UInt64) throws -> TrainingBatch
}
