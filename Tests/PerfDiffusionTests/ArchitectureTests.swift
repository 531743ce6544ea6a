import Foundation
import PerfDiffusion
import Testing

/// perf's parameter lists against the state_dict of models diffusers and transformers build
/// from the same config.json (Fixtures/make_architectures.py): Stable Diffusion 1.5 and 2
/// sizes, and unusual settings (per-block lists, deeper transformers, no mid block, odd kernels).
@Suite struct ArchitectureTests {
    struct Case: Decodable {
        let name: String
        let component: String
        let tensors: [[Entry]]

        enum Entry: Decodable {
            case name(String)
            case shape([Int])
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let name = try? container.decode(String.self) { self = .name(name) } else { self = .shape(try container.decode([Int].self)) }
            }
        }

        /// The reference tensors as "name shape" lines, names made canonical as perf loads them.
        var reference: Set<String> {
            let component = ModelComponent(rawValue: component)!
            return Set(tensors.compactMap { pair in
                guard case .name(let name) = pair[0], case .shape(let shape) = pair[1] else { return nil }
                return "\(component.canonicalTensorName(name)) \(shape)"
            })
        }
    }
    struct Fixture: Decodable { let cases: [Case] }

    /// Each case with its config as config.json text.
    static func cases() throws -> [(Case, Data)] {
        let data = try Data(contentsOf: DiffusionFixtures.url("architectures.json"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: data)
        let raw = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["cases"] as? [[String: Any]])
        return try zip(fixture.cases, raw).map { ($0, try JSONSerialization.data(withJSONObject: try #require($1["config"]))) }
    }

    static func tensors(_ item: Case, _ config: Data) throws -> [TensorSpec] {
        switch item.component {
        case "unet": UNetLayout(try UNetConfig(data: config, source: item.name)).tensors
        case "vae": AutoencoderLayout(try AutoencoderConfig(data: config, source: item.name)).tensors
        default: try CLIPTextConfig(data: config, source: item.name).tensors
        }
    }

    @Test func parameterNamesAndShapesMatchTheLibraries() throws {
        let cases = try Self.cases()
        #expect(cases.count == 8)
        for (item, config) in cases {
            let specs = try Self.tensors(item, config)
            let mine = Set(specs.map(\.description))
            #expect(mine.count == specs.count, "\(item.name): no tensor listed twice")
            let missing = item.reference.subtracting(mine).sorted(), extra = mine.subtracting(item.reference).sorted()
            #expect(missing.isEmpty && extra.isEmpty, "\(item.name): missing \(missing.prefix(5)), extra \(extra.prefix(5))")
        }
    }

    /// The well-known sizes follow: 859,520,964 UNet parameters for Stable Diffusion 1.5,
    /// 123,060,480 in its text encoder, 83,653,863 in its VAE.
    @Test func stableDiffusionSizes() throws {
        let sizes = Dictionary(try Self.cases().map { item, config in
            ("\(item.component)/\(item.name)", try Self.tensors(item, config).reduce(0) { $0 + $1.shape.reduce(1, *) })
        }, uniquingKeysWith: { first, _ in first })
        #expect(sizes["unet/stable-diffusion-1.5"] == 859_520_964)
        #expect(sizes["text_encoder/clip-vit-large"] == 123_060_480)
        #expect(sizes["vae/stable-diffusion"] == 83_653_863)
    }

    /// Stable Diffusion 1.5 has 16 cross-attention layers, named as concept bundles name them.
    @Test func crossAttentionLayers() throws {
        let (item, config) = try #require(try Self.cases().first { $0.0.name == "stable-diffusion-1.5" })
        let layout = UNetLayout(try UNetConfig(data: config, source: item.name))
        let layers = layout.crossAttentions
        #expect(layers.count == 16)
        #expect(layers.first?.path == "down_blocks.0.attentions.0.transformer_blocks.0.attn2")
        #expect(layers.last?.path == "up_blocks.3.attentions.2.transformer_blocks.0.attn2")
        #expect(layers.allSatisfy { $0.contextDim == 768 && $0.heads == 8 })
        #expect(Set(layers.map(\.queryDim)) == [320, 640, 1280])
        let names = Set(layout.tensors.map(\.name))
        #expect(layers.allSatisfy { names.contains("\($0.path).to_k.weight") && names.contains("\($0.path).to_v.weight") })
    }

    /// Up blocks see the skip connections: SD 1.5's first up block concatenates 1280 + 1280,
    /// its last resnet 320 + 320.
    @Test func skipConnectionsWidenUpBlockResnets() throws {
        let layout = UNetLayout(try UNetConfig(data: Data("{}".utf8), source: "defaults"))
        #expect(layout.up[0].resnets.map(\.inChannels) == [2560, 2560, 2560])
        #expect(layout.up[3].resnets.map(\.inChannels) == [960, 640, 640])
        #expect(layout.down.map { $0.resamplerChannels } == [320, 640, 1280, nil])
        #expect(layout.up.map { $0.resamplerPath } == ["up_blocks.0.upsamplers.0.conv", "up_blocks.1.upsamplers.0.conv",
                                                     "up_blocks.2.upsamplers.0.conv", nil])
    }
}
