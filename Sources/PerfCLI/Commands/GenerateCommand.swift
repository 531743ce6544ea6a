import ArgumentParser
import Foundation
import PerfClient
import PerfDiffusion
import PerfManifest
import PerfPerfusion
import PerfSafeTensors
import PerfTensor

/// `perf generate PROMPT --base PATH`: text to image with a Stable-Diffusion-family model
/// (DESIGN §4): classifier-free guidance with a negative prompt, DDIM or Euler, seeded or
/// given initial noise, one PNG per picture or a grid.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate pictures from a prompt.",
        discussion: """
            The same seed gives the same pictures. --latents starts from given initial noise (a \
            safetensors file holding `latents` [batch, channels, height, width]), so that perf and \
            diffusers can be compared picture for picture.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The prompt.")
    var prompt: String

    @Option(help: "The base model: an installed base package (scope/name), a base package folder or a diffusers model folder (default: the project's locked base, else PERF_HOME/config.json's base).")
    var base: String?

    @Option(help: "The negative prompt, used by guidance in place of the empty prompt.")
    var negativePrompt = ""

    @Option(help: "Sampling steps.")
    var steps = 50

    @Option(help: "Guidance scale; 1 or less turns classifier-free guidance off (default: the base package's, else 7.5).")
    var guidance: Float?

    @Option(help: "Seed of the initial noise.")
    var seed: UInt64 = 0

    @Option(help: "Initial noise: a safetensors file holding `latents`.")
    var latents: String?

    @Option(help: "Pictures to generate (ignored with --latents, whose batch decides).")
    var batch = 1

    @Flag(help: "Write the pictures as one grid instead of one file each.")
    var grid = false

    @Option(help: "The sampler: ddim or euler (default: the model's scheduler when perf implements it, else ddim).")
    var sampler: SamplerOption?

    @Option(help: "Picture height in pixels (default: the model's).")
    var height: Int?

    @Option(help: "Picture width in pixels (default: the model's).")
    var width: Int?

    @OptionGroup var engine: EngineOptions

    @Option(name: .shortAndLong, help: "The PNG to write; a batch without --grid adds -1, -2, … before .png.")
    var output = "out.png"

    @Option(help: ArgumentHelp("A concept's gate, overriding its perf.json: S/N=BETA:TAU (repeatable). Lower β: more likeness, less prompt alignment.",
                               valueName: "S/N=BETA:TAU"))
    var gate: [String] = []

    @Option(help: "Key locking for every concept of the prompt: local or global (default: each concept's own).")
    var lock: KeyLocking?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        global.bootstrapLogging()
        engine.configure()
        let start = Date()
        let named = try PromptConcepts(prompt: prompt, gates: try Self.gates(gate), lock: lock,
                                       home: ClientHome(root: PerfHome.current.url), project: ClientOptions.project)
        let selection = try BaseSelection.select(base ?? named.entries.first?.manifest.base.name.description)
        let model = try StableDiffusion(at: selection.modelFolder)
        let guidance = selection.guidance(guidance, otherwise: 7.5)
        var request = GenerationRequest(prompt: named.prompt, negativePrompt: negativePrompt, steps: steps, guidance: guidance,
                                        seed: seed, batch: batch, sampler: sampler?.kind)
        if let latents {
            let initial = try Self.readLatents(latents)
            request.initialLatents = initial
            request.batch = initial.shape[0]
        } else if height != nil || width != nil {
            let config = model.unet.config
            let side = (config.sampleSize ?? 64) * model.downscale
            request.latentSize = (try Self.latentSide(height ?? side, "--height", model.downscale),
                                  try Self.latentSide(width ?? side, "--width", model.downscale))
        }
        try Self.applyConcepts(named, base: selection, model: model, to: &request)
        let bar = ProgressBar("sampling")
        let generation = try model.generate(request) { bar.update($0.completed, of: $0.total) }
        let target = URL(fileURLWithPath: output)
        var written: [String] = []
        if grid || generation.pictures.count == 1 {
            let columns = Int(Double(generation.pictures.count).squareRoot().rounded(.up))
            try Picture.grid(generation.pictures, columns: columns).writePNG(to: target)
            written.append(target.path)
        } else {
            for (index, picture) in generation.pictures.enumerated() {
                let file = target.deletingPathExtension().path + "-\(index + 1)." + (target.pathExtension.isEmpty ? "png" : target.pathExtension)
                try picture.writePNG(to: URL(fileURLWithPath: file))
                written.append(file)
            }
        }
        let report = GenerateReport(pictures: written, prompt: prompt, steps: steps, guidance: guidance, seed: seed,
                                    sampler: (request.sampler ?? model.defaultSampler).rawValue,
                                    seconds: Date().timeIntervalSince(start))
        if json { try Output.json(report) } else {
            Output.line("Wrote \(written.joined(separator: ", ")) (\(report.sampler), \(steps) steps, guidance \(guidance), seed \(seed), \(String(format: "%.1f", report.seconds)) s)")
        }
    }

    /// Edits the request so that the prompt's concepts apply: their embeddings encode the
    /// prompt, and Perfusion's editor edits every cross-attention key and value projection.
    static func applyConcepts(_ named: PromptConcepts, base: BaseSelection.Selected, model: StableDiffusion,
                              to request: inout GenerationRequest) throws {
        guard !named.entries.isEmpty else { return }
        guard let package = base.package else {
            throw CLIError.invalidArgument("--base", value: base.modelFolder.path, expected: "a base package (concepts need its text "
                                           + "statistics and weights digest): the base the concepts name, installed, or `perf base import` of this folder")
        }
        for entry in named.entries where entry.manifest.base.digest != package.manifest.weightsDigest {
            throw CLIError.invalidArgument("--base", value: "\(package.manifest.name)@\(package.manifest.version)",
                                           expected: "the base \(entry.name)@\(entry.version) was trained on: \(entry.manifest.base.name) "
                                               + "with weights \(entry.manifest.base.digest), not \(package.manifest.weightsDigest); "
                                               + "install that base (perf add --base \(entry.manifest.base.name); perf install) or drop the concept")
        }
        let inverse = try BaseSelection.inverseCovariance(package.folder.path, folder: model.folder, encoder: model.textEncoder)
        try request.apply(named.entries.map(\.concept), inverseCovariance: inverse, model: model)
    }

    /// `--gate S/N=BETA:TAU` values by concept.
    static func gates(_ values: [String]) throws -> [PackageName: ConceptGate] {
        var gates: [PackageName: ConceptGate] = [:]
        for value in values {
            let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
            let numbers = parts.count == 2 ? parts[1].split(separator: ":").compactMap { Float(String($0)) } : []
            guard parts.count == 2, let name = PackageName(parts[0]), numbers.count == 2 else {
                throw CLIError.invalidArgument("--gate", value: value, expected: "S/N=BETA:TAU, e.g. alice/teddy=0.7:0.15")
            }
            gates[name] = try ConceptGate(beta: numbers[0], tau: numbers[1])
        }
        return gates
    }

    /// Initial noise from a safetensors file: `latents`, else its only tensor; [C, h, w] gets a batch of 1.
    static func readLatents(_ path: String) throws -> Tensor {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIError.fileNotFound(url.path, what: "latents file", fix: "pass a safetensors file holding `latents` [batch, channels, height, width]")
        }
        let tensors = try SafeTensorsFile.read(from: url).tensors
        guard let stored = tensors["latents"] ?? (tensors.count == 1 ? tensors.values.first : nil) else {
            throw CLIError.invalidArgument("--latents", value: path, expected: "a safetensors file holding a tensor named `latents` (or a single tensor)")
        }
        guard stored.shape.count == 4 || stored.shape.count == 3 else {
            throw CLIError.invalidArgument("--latents", value: path, expected: "latents of shape [batch, channels, height, width], not \(stored.shape)")
        }
        let shape = stored.shape.count == 3 ? [1] + stored.shape : stored.shape
        return Tensor(shape: shape, scalars: try stored.floats())
    }

    /// Latent pixels for `pixels` picture pixels, which must be a multiple of the VAE's downscale.
    static func latentSide(_ pixels: Int, _ option: String, _ downscale: Int) throws -> Int {
        guard pixels > 0, pixels % downscale == 0 else {
            throw CLIError.invalidArgument(option, value: String(pixels), expected: "a positive multiple of \(downscale) pixels")
        }
        return pixels / downscale
    }
}

/// `--sampler` values.
enum SamplerOption: String, ExpressibleByArgument, CaseIterable {
    case ddim, euler

    /// The sampler it names.
    var kind: SamplerKind { self == .ddim ? .ddim : .euler }
}

/// What `perf generate --json` prints.
struct GenerateReport: Codable {
    let pictures: [String]
    let prompt: String
    let steps: Int
    let guidance: Float
    let seed: UInt64
    let sampler: String
    let seconds: Double
}
