import Foundation
import PerfDiffusion

/// The tiny model of Fixtures/tiny-sd, loaded once for every test that runs it.
enum TinyModel {
    static let loaded: Result<StableDiffusion, any Error> = Result { try StableDiffusion(at: DiffusionFixtures.tinyModel) }

    /// The loaded tiny model.
    static func load() throws -> StableDiffusion { try loaded.get() }
}
