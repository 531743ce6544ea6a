import Foundation
import PerfDiffusion
import PerfTensor
import Testing

/// Records every projection request and answers with the plain projections, or with the
/// values of one layer scaled.
final class RecordingEditor: CrossAttentionEditor, @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [CrossAttentionProjection] = []
    let scaledLayer: String?
    let valueScale: Float

    init(scaling layer: String? = nil, by scale: Float = 1) {
        scaledLayer = layer
        valueScale = scale
    }

    var requests: [CrossAttentionProjection] { lock.withLock { seen } }

    func keysAndValues(_ projection: CrossAttentionProjection) -> (keys: Tensor, values: Tensor) {
        lock.withLock { seen.append(projection) }
        let (keys, values) = projection.plain()
        return projection.layer.path == scaledLayer ? (keys, values * valueScale) : (keys, values)
    }
}

/// Adds a learned vector to every value of each layer: the shape of Perfusion's value edit,
/// for checking that gradients reach what an editor computes with.
struct ValueShiftEditor: CrossAttentionEditor {
    let shifts: [String: Tensor]

    func keysAndValues(_ projection: CrossAttentionProjection) -> (keys: Tensor, values: Tensor) {
        let (keys, values) = projection.plain()
        return (keys, values + shifts[projection.layer.path]!)
    }
}

/// The cross-attention seam: every key and value projection passes through it, it changes
/// nothing when it edits nothing, and gradients flow through it.
@Suite struct CrossAttentionEditorTests {
    static func inputs() throws -> (sample: Tensor, context: Tensor) {
        let reference = try ReferenceOutputs.load()
        return (try reference.tensor("unet.sample"), try reference.tensor("unet.encoder_hidden_states"))
    }

    @Test func everyCrossAttentionPassesThroughTheEditorOnce() throws {
        let unet = try TinyModel.load().unet
        let (sample, context) = try Self.inputs()
        let editor = RecordingEditor()
        let edited = try unet(sample, timesteps: [500], context: context, editor: editor)
        let plain = try unet(sample, timesteps: [500], context: context)
        #expect(edited.scalars == plain.scalars)
        let paths = editor.requests.map(\.layer.path)
        #expect(paths == unet.crossAttentions.map(\.path))
        #expect(paths.count == 6)  // 2 down, 1 mid, 3 up in the tiny model
        #expect(paths.first == "down_blocks.0.attentions.0.transformer_blocks.0.attn2")
        for request in editor.requests {
            #expect(request.context.shape == [2, 77, 32])
            #expect(request.keyWeight.shape == [request.layer.queryDim, 32])
            #expect(request.valueWeight.shape == [request.layer.queryDim, 32])
        }
    }

    @Test func editingOneLayersValuesChangesThePrediction() throws {
        let unet = try TinyModel.load().unet
        let (sample, context) = try Self.inputs()
        let plain = try unet(sample, timesteps: [500], context: context)
        let edited = try unet(sample, timesteps: [500], context: context,
                              editor: RecordingEditor(scaling: "mid_block.attentions.0.transformer_blocks.0.attn2", by: 0))
        #expect(relativeError(edited, plain) > 1e-3)
    }

    @Test func keysAndValuesWithoutRunningTheUNetMatchTheSeam() throws {
        let unet = try TinyModel.load().unet
        let (_, context) = try Self.inputs()
        let listed = try unet.crossAttentionKeysAndValues(context: context)
        #expect(listed.map(\.layer) == unet.crossAttentions)
        let first = listed[0]
        let weight = unet.parameters.tensors["\(first.layer.path).to_v.weight"]!
        #expect(first.values.scalars == context.linear(weight: weight).scalars)
        #expect(first.keys.shape == [2, 77, first.layer.queryDim])
    }

    @Test func gradientsReachTheSeamsValuesAndTheTextEmbeddings() throws {
        let model = try TinyModel.load()
        let (sample, _) = try Self.inputs()
        let tape = Tape()
        let ids = model.tokenizer.encode("a red circle")
        let embeddings = tape.watch(try model.textEncoder.tokenEmbeddings([ids, ids]))
        let context = try model.textEncoder.encode(embeddings: embeddings)
        var generator = SeededRandom(seed: 7)
        let shifts = Dictionary(uniqueKeysWithValues: model.unet.crossAttentions.map {
            ($0.path, tape.watch(Tensor.randomNormal([$0.queryDim], standardDeviation: 0.1, using: &generator)))
        })
        let output = try model.unet(sample, timesteps: [500], context: context, editor: ValueShiftEditor(shifts: shifts))
        let direction = Tensor.randomNormal(output.shape, using: &generator)
        let loss = (output * direction).sum()
        let path = model.unet.crossAttentions[3].path
        let gradients = tape.gradients(of: loss, withRespectTo: [embeddings, shifts[path]!])
        #expect(gradients[0].scalars.contains { $0 != 0 })
        // A central difference along the gradient itself agrees with ‖g‖² to 1%.
        let g = gradients[1]
        let norm = g.scalars.reduce(0) { $0 + $1 * $1 }
        func lossAt(_ step: Float) throws -> Float {
            var moved = shifts.mapValues { $0.detached() }
            moved[path] = moved[path]! + g * step
            let out = try model.unet(sample, timesteps: [500], context: context.detached(), editor: ValueShiftEditor(shifts: moved))
            return (out * direction).sum().scalar
        }
        let h = 1e-2 / norm.squareRoot()
        let numeric = (try lossAt(h) - lossAt(-h)) / (2 * h)
        #expect(norm > 0)
        #expect(abs(numeric - norm) <= 1e-2 * norm, "finite difference \(numeric), gradient \(norm)")
    }
}
