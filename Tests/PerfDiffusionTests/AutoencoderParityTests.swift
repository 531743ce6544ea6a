import Foundation
import PerfDiffusion
import PerfTensor
import Testing

/// The VAE against diffusers' AutoencoderKL on the tiny model's weights.
@Suite struct AutoencoderParityTests {
    @Test func decoderMatchesDiffusers() throws {
        let reference = try ReferenceOutputs.load()
        let vae = try #require(try TinyModel.load().autoencoder)
        let decoded = try vae.decode(try reference.tensor("vae.latents"))
        let error = relativeError(decoded, try reference.tensor("vae.decoded"))
        #expect(error <= parityTolerance, "relative error \(error)")
    }

    @Test func encoderMatchesDiffusers() throws {
        let reference = try ReferenceOutputs.load()
        let vae = try #require(try TinyModel.load().autoencoder)
        let posterior = try vae.encode(try reference.tensor("vae.image"))
        let meanError = relativeError(posterior.mean, try reference.tensor("vae.latent_mean"))
        let varianceError = relativeError(posterior.logVariance, try reference.tensor("vae.latent_logvar"))
        #expect(meanError <= parityTolerance, "mean: relative error \(meanError)")
        #expect(varianceError <= parityTolerance, "log-variance: relative error \(varianceError)")
    }

    @Test func scalingRoundTrips() throws {
        let vae = try #require(try TinyModel.load().autoencoder)
        let latents = Tensor(shape: [1, 4, 1, 2], scalars: [1, -2, 3, 0.5, 0, 7, -1, 2])
        let scaled = vae.scaled(latents)
        #expect(abs(scaled.scalars[0] - 0.18215) < 1e-7)
        #expect(relativeError(vae.unscaled(scaled), latents) < 1e-6)
    }

    @Test func wrongShapesAreRefused() throws {
        let vae = try #require(try TinyModel.load().autoencoder)
        #expect(throws: DiffusionError.self) { try vae.decode(Tensor.zeros([1, 3, 8, 8])) }
        #expect(throws: DiffusionError.self) { try vae.encode(Tensor.zeros([1, 3, 15, 16])) }
        #expect(throws: DiffusionError.self) { try vae.encode(Tensor.zeros([1, 4, 16, 16])) }
    }
}
