import PerfDiffusion
import PerfTensor
import PerfWorld

/// The built-in world as base-model training data (DESIGN §5): batch `step` renders scenes
/// drawn from the training seeds only (`SeedSpace.training`), so evaluation and judge seeds
/// are never trained on, and a resumed run sees the same batches.
struct WorldTrainingData: BaseTrainingData {
    /// The renderer.
    let world: World
    /// Whether objects wear patterns (`Scene.random(seed:patterns:)`).
    var patterns = false

    var pictureSize: (height: Int, width: Int) { (world.height, world.width) }

    func batch(step: Int, size: Int, seed: UInt64) throws -> TrainingBatch {
        var pixels: [Float] = []
        var captions: [String] = []
        pixels.reserveCapacity(size * 3 * world.height * world.width)
        for item in 0..<size {
            // A distinct training seed per (run seed, step, item), inside the training range.
            let mixed = (seed &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(step) &* UInt64(max(size, 1)) &+ UInt64(item))
            let sceneSeed = SeedSpace.training.lowerBound + mixed % UInt64(SeedSpace.training.count)
            let scene = Scene.random(seed: sceneSeed, patterns: patterns)
            pixels += world.render(scene, seed: sceneSeed).values
            captions.append(scene.caption)
        }
        return try TrainingBatch(pixels: Tensor(shape: [size, 3, world.height, world.width], scalars: pixels), captions: captions)
    }
}
