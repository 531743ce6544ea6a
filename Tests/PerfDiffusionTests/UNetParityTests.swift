import Foundation
import PerfDiffusion
import PerfTensor
import Testing

/// The UNet against diffusers' UNet2DConditionModel on the tiny model's weights.
@Suite struct UNetParityTests {
    @Test func noisePredictionMatchesDiffusers() throws {
        let reference = try ReferenceOutputs.load()
        let unet = try TinyModel.load().unet
        let timestep = Float(try reference.integers("unet.timestep")[0])
        let output = try unet(try reference.tensor("unet.sample"), timesteps: [timestep],
                              context: try reference.tensor("unet.encoder_hidden_states"))
        let expected = try reference.tensor("unet.noise_pred")
        let error = relativeError(output, expected)
        #expect(error <= parityTolerance, "relative error \(error)")
    }

    @Test func perItemTimestepsMatchAShared() throws {
        let reference = try ReferenceOutputs.load()
        let unet = try TinyModel.load().unet
        let sample = try reference.tensor("unet.sample"), context = try reference.tensor("unet.encoder_hidden_states")
        let shared = try unet(sample, timesteps: [500], context: context)
        let perItem = try unet(sample, timesteps: [500, 20], context: context)
        #expect(perItem.slice(axis: 0, 0 ..< 1).scalars == shared.slice(axis: 0, 0 ..< 1).scalars)
        #expect(relativeError(perItem.slice(axis: 0, 1 ..< 2), shared.slice(axis: 0, 1 ..< 2)) > 1e-3)
    }

    @Test func wrongShapesAreRefused() throws {
        let unet = try TinyModel.load().unet
        let context = Tensor.zeros([1, 77, 32])
        #expect(throws: DiffusionError.self) { try unet(Tensor.zeros([1, 3, 8, 8]), timesteps: [1], context: context) }
        #expect(throws: DiffusionError.self) { try unet(Tensor.zeros([1, 4, 7, 8]), timesteps: [1], context: context) }
        #expect(throws: DiffusionError.self) { try unet(Tensor.zeros([1, 4, 8, 8]), timesteps: [1, 2], context: context) }
        #expect(throws: DiffusionError.self) { try unet(Tensor.zeros([1, 4, 8, 8]), timesteps: [1], context: Tensor.zeros([1, 77, 16])) }
        #expect(throws: DiffusionError.self) { try unet(Tensor.zeros([2, 4, 8, 8]), timesteps: [1], context: context) }
    }
}
