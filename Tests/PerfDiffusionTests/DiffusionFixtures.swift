import Foundation
import PerfTestSupport

/// The committed fixtures of these tests (Fixtures/, made by the make_*.py scripts there).
enum DiffusionFixtures {
    /// `Tests/PerfDiffusionTests/Fixtures`.
    static let folder = RepositoryPaths.tests.appendingPathComponent("PerfDiffusionTests/Fixtures")

    /// The tiny random Stable Diffusion model folder.
    static var tinyModel: URL { folder.appendingPathComponent("tiny-sd") }

    /// A fixture file or folder by relative path.
    static func url(_ relative: String) -> URL { folder.appendingPathComponent(relative) }

    /// Decodes a JSON fixture.
    static func decode<T: Decodable>(_ type: T.Type, _ relative: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: url(relative)))
    }

    /// Runs `body` on a copy of the tiny model in a fresh temporary directory (removed
    /// afterwards), for tests that damage it.
    static func withTinyModelCopy(_ body: (URL) throws -> Void) throws {
        let directory = try TemporaryDirectory("perf-diffusion")
        try withExtendedLifetime(directory) {
            let copy = directory.path("tiny-sd")
            try FileManager.default.copyItem(at: tinyModel, to: copy)
            try body(copy)
        }
    }
}

/// Whether `actual` is within `relative` of `expected`, with an absolute floor `absolute`
/// for values near zero.
func isClose(_ actual: Float, _ expected: Float, relative: Float = 1e-5, absolute: Float = 1e-7) -> Bool {
    if actual == expected { return true }
    return abs(actual - expected) <= max(relative * max(abs(actual), abs(expected)), absolute)
}

/// The index of the first pair that is not close, or nil when all are (and counts agree).
func firstMismatch(_ actual: [Float], _ expected: [Float], relative: Float = 1e-5, absolute: Float = 1e-7) -> Int? {
    guard actual.count == expected.count else { return min(actual.count, expected.count) }
    return actual.indices.first { !isClose(actual[$0], expected[$0], relative: relative, absolute: absolute) }
}
