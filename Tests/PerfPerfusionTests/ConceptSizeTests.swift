import Foundation
import PerfBundle
import PerfDiffusion
import PerfPerfusion
import PerfSafeTensors
import PerfTensor
import PerfTestSupport
import Testing

/// The size of a concept for Stable Diffusion 1.5 (DESIGN §3: text width 768, 16
/// cross-attention layers of widths 320, 640 and 1280), stored as float16, and of its bundle
/// packed by PerfBundle with a full example manifest (Manifests/examples/bullseye-circle.perf.json).
///
/// concept.safetensors holds 3·768 + Σ o_l = 14,784 halves = 29,568 bytes of data; with its
/// 8-byte length and its JSON header it stays under 32 KiB. The bundle adds the tar format's
/// costs (a 512-byte header per entry, each entry padded to 512 bytes, two 512-byte end
/// blocks) and perf.json, so it lands about 3.5 KB above the file: over 32 KiB, which no
/// choice inside concept.safetensors can change while the format keeps every layer's
/// value target as F16.
@Suite struct ConceptSizeTests {
    /// The tar size of entries of `sizes` bytes: headers, contents padded to 512, end blocks.
    static func tarSize(_ sizes: [Int]) -> Int {
        sizes.reduce(1024) { $0 + 512 + ($1 + 511) / 512 * 512 }
    }

    @Test func aStableDiffusion15ConceptFitsIn32KiBAndItsBundleIsMeasured() throws {
        let layers = UNetLayout(try PerfusionFixtures.stableDiffusion15()).crossAttentions
        #expect(layers.count == 16)
        #expect(layers.map(\.queryDim).reduce(0, +) == 12_480)
        let concept = try PerfusionFixtures.randomConcept(token: "<examples/bullseye-circle>", width: 768, layers: layers, seed: 81)
        try concept.validate(against: layers)
        let directory = try TemporaryDirectory("perf-concept-size")
        let folder = directory.path("bullseye-circle")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let conceptURL = folder.appendingPathComponent("concept.safetensors")
        try concept.write(to: conceptURL)
        try FileManager.default.copyItem(at: RepositoryPaths.manifests.appendingPathComponent("examples/bullseye-circle.perf.json"),
                                         to: folder.appendingPathComponent("perf.json"))
        let conceptBytes = try Data(contentsOf: conceptURL)
        let manifestBytes = try Data(contentsOf: folder.appendingPathComponent("perf.json"))
        let headerLength = conceptBytes.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        let dataBytes = 2 * (3 * 768 + 12_480)
        #expect(conceptBytes.count == 8 + headerLength + dataBytes)
        #expect(conceptBytes.count <= 32 * 1024, "concept.safetensors is \(conceptBytes.count) bytes")
        let bundle = try BundleArchive.pack(directory: folder, to: directory.path("bullseye-circle-1.0.0.perf"))
        #expect(bundle.size == Self.tarSize([conceptBytes.count, manifestBytes.count]))
        print("SD 1.5 concept (float16): concept.safetensors \(conceptBytes.count) bytes = 8 + \(headerLength) header + \(dataBytes) data; "
              + "perf.json \(manifestBytes.count) bytes; bundle \(bundle.size) bytes (tar overhead \(bundle.size - conceptBytes.count - manifestBytes.count))")
    }
}
