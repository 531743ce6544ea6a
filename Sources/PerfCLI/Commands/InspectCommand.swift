import ArgumentParser
import Foundation
import PerfDiffusion
import PerfPerfusion
import PerfSafeTensors
import PerfTensor

/// `perf inspect PROMPT --base PATH [--concept PATH ...] [--dump DIR]`: how the model reads a
/// prompt: its tokens, the cross-attention layers, each concept's energy and per-token shares
/// and gates, and with `--dump` every layer's keys and values, edited by the concepts (DESIGN §4).
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a prompt's tokens and the cross-attention layers; dump their keys and values.",
        discussion: """
            --dump DIR writes one safetensors file per cross-attention layer, named by its module path \
            (DIR/down_blocks.0.attentions.0.transformer_blocks.0.attn2.safetensors), holding `keys` and \
            `values` [tokens, width] (edited by the --concept concepts, if any), and \
            DIR/text_encoder.safetensors holding `input_ids` and `last_hidden_state` [tokens, width].

            --concept takes a concept package folder, its concept.safetensors or a .perf bundle; its token \
            (e.g. <scope/name>) in the prompt reads the concept. Shares s(e) and gates do not depend on the layer.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The prompt.")
    var prompt: String

    @Option(help: "The base model: an installed base package (scope/name), a base package folder or a diffusers model folder (default: the project's locked base, else PERF_HOME/config.json's base).")
    var base: String?

    @Option(name: .customLong("concept"), help: "A concept to apply: package folder, concept.safetensors or .perf bundle (repeatable).")
    var concepts: [String] = []

    @Option(help: "Write every cross-attention layer's keys and values into this folder.")
    var dump: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        global.bootstrapLogging()
        let folder = try ModelFolder(at: BaseSelection.modelFolder(base))
        let encoder = try CLIPTextEncoder(folder: folder)
        let unet = try UNet(folder: folder)
        let concepts = try ConceptSelection.concepts(self.concepts, layers: unet.crossAttentions)
        let prompts = try ConceptPromptEncoder(tokenizer: folder.tokenizer, encoder: encoder, concepts: concepts)
        let ids = prompts.ids(prompt)
        let states = try prompts.encode([prompt])
        let statistics = try concepts.isEmpty ? nil : BaseSelection.inverseCovariance(base, folder: folder, encoder: encoder)
        let editor = try statistics.map {
            try PerfusionEditor(concepts: concepts, inverseCovariance: $0, layers: unet.crossAttentions,
                                keyContext: prompts.encodeKeyContext([prompt]))
        }
        let projections = try unet.crossAttentionKeysAndValues(context: states, editor: editor)
        var files: [String] = []
        if let dump {
            let directory = URL(fileURLWithPath: dump, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw CLIError.fileNotFound(directory.path, what: "writable folder", fix: "check that the path can be created and written")
            }
            let text = directory.appendingPathComponent("text_encoder.safetensors")
            try SafeTensorsFile(tensors: ["input_ids": try Self.integers(ids),
                                          "last_hidden_state": try SafeTensor(floats: states.scalars, shape: [ids.count, states.shape[2]])],
                                metadata: ["prompt": prompt]).write(to: text)
            files.append(text.path)
            for (layer, keys, values) in projections {
                let file = directory.appendingPathComponent("\(layer.path).safetensors")
                try SafeTensorsFile(tensors: ["keys": try SafeTensor(floats: keys.scalars, shape: Array(keys.shape.dropFirst())),
                                              "values": try SafeTensor(floats: values.scalars, shape: Array(values.shape.dropFirst()))],
                                    metadata: ["prompt": prompt, "layer": layer.path, "heads": String(layer.heads),
                                               "concepts": concepts.map(\.token).joined(separator: " ")]).write(to: file)
                files.append(file.path)
            }
        }
        let tokens = ids.enumerated().map { InspectReport.Token(index: $0.offset, id: $0.element, text: prompts.tokenizer.token(of: $0.element) ?? "?") }
        let layers = projections.map { InspectReport.Layer(path: $0.layer.path, heads: $0.layer.heads, width: $0.layer.queryDim,
                                                           contextWidth: $0.layer.contextDim) }
        let readings = editor?.readings(states: states, unet: unet)
        let report = InspectReport(prompt: prompt, tokens: tokens, layers: layers, dumped: files, concepts: readings,
                                   statistics: statistics.map { InspectReport.Statistics(count: $0.count, ridge: $0.ridge,
                                                                                        reciprocalCondition: $0.reciprocalCondition) })
        if json { try Output.json(report); return }
        let used = (ids.dropFirst().firstIndex(of: folder.tokenizer.eos.id) ?? ids.count - 1) + 1
        Output.line("Tokens (\(used) of \(ids.count) used, the rest padding):")
        for token in tokens.prefix(used) {
            Output.line("  " + String(token.index).leftPadded(3) + "  " + String(token.id).leftPadded(6) + "  " + token.text)
        }
        Output.line("Cross-attention layers (\(layers.count)):")
        for layer in layers { Output.line("  \(layer.path)  heads \(layer.heads), width \(layer.width), reads width \(layer.contextWidth)") }
        for reading in readings ?? [] {
            Output.line("Concept \(reading.token) (superclass \(reading.superclass), β \(reading.beta), τ \(reading.tau), "
                        + "\(reading.locking.rawValue) locking): energy i*ᵀC⁻¹i* = \(reading.energy)")
            for token in tokens.prefix(used) {
                Output.line("  " + String(token.index).leftPadded(3) + "  " + token.text.leftPadded(24) + "  s "
                            + String(format: "%8.4f", reading.shares[token.index]) + "  gate " + String(format: "%.4f", reading.gates[token.index]))
            }
        }
        if !files.isEmpty { Output.line("Wrote keys and values of \(layers.count) layers into \(dump ?? "")") }
    }

    /// Token ids as an I64 safetensors tensor.
    static func integers(_ values: [Int]) throws -> SafeTensor {
        var data = Data()
        for value in values { withUnsafeBytes(of: Int64(value).littleEndian) { data.append(contentsOf: $0) } }
        return try SafeTensor(dtype: .i64, shape: [values.count], data: data)
    }
}

/// What `perf inspect --json` prints.
struct InspectReport: Codable {
    /// One token of the prompt.
    struct Token: Codable {
        let index: Int
        let id: Int
        let text: String
    }

    /// One cross-attention layer.
    struct Layer: Codable {
        let path: String
        let heads: Int
        let width: Int
        let contextWidth: Int
    }

    /// The text statistics the concepts were measured with.
    struct Statistics: Codable {
        let count: Int
        let ridge: Double
        let reciprocalCondition: Double
    }

    let prompt: String
    let tokens: [Token]
    let layers: [Layer]
    let dumped: [String]
    let concepts: [ConceptReading]?
    let statistics: Statistics?
}

extension String {
    /// The string with spaces before it up to `width` characters.
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
