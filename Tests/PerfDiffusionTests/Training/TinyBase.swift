import Foundation
import PerfDiffusion
import PerfTensor

/// A tiny pixel-space base model for training tests: 8×8 pictures, a two-level UNet with
/// cross-attention below, a one-layer 16-wide text encoder, and a handful of caption words.
enum TinyBase {
    /// The caption words.
    static let words = ["a", "red", "green", "blue", "circle", "square", "on", "white", "black", "background"]

    /// The architecture.
    static var architecture: BaseModelArchitecture {
        var architecture = BaseModelArchitecture()
        architecture.pictureSize = 8
        architecture.channels = [8, 16]
        architecture.crossAttention = [false, true]
        architecture.attentionHeads = 2
        architecture.normGroups = 4
        architecture.textWidth = 16
        architecture.textLayers = 1
        architecture.textHeads = 2
        architecture.maxTokens = 12
        architecture.trainTimesteps = 100
        return architecture
    }

    /// A freshly initialised model.
    static func model(seed: UInt64 = 1) throws -> BaseModel {
        try BaseModel.initialized(architecture, vocabulary: WordVocabulary(words: words), seed: seed)
    }

    /// A fixed batch: flat-coloured 8×8 pictures of a coloured square on a background, captioned.
    static func batch(_ size: Int = 4) throws -> TrainingBatch {
        let colours: [(String, [Float])] = [("red", [1, -1, -1]), ("green", [-1, 1, -1]), ("blue", [-1, -1, 1])]
        var pixels: [Float] = [], captions: [String] = []
        for item in 0..<size {
            let (name, colour) = colours[item % colours.count]
            let background: Float = item % 2 == 0 ? 1 : -1
            for channel in 0..<3 {
                for y in 0..<8 {
                    for x in 0..<8 { pixels.append((2..<6).contains(x) && (2..<6).contains(y) ? colour[channel] : background) }
                }
            }
            captions.append("a \(name) square on a \(item % 2 == 0 ? "white" : "black") background")
        }
        return try TrainingBatch(pixels: Tensor(shape: [size, 3, 8, 8], scalars: pixels), captions: captions)
    }
}

/// Training data that always serves the same batch (an overfitting check).
struct FixedTrainingData: BaseTrainingData {
    let fixed: TrainingBatch

    var pictureSize: (height: Int, width: Int) { (fixed.pixels.shape[2], fixed.pixels.shape[3]) }

    func batch(step: Int, size: Int, seed: UInt64) throws -> TrainingBatch { fixed }
}
