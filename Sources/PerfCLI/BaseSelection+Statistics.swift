import Foundation
import PerfDiffusion
import PerfManifest
import PerfPerfusion

extension BaseSelection {
    /// C⁻¹ for the base `argument`: from its package's `stats/text_covariance.safetensors`, or,
    /// for a plain diffusers folder, computed over the built-in captions (with a note saying so).
    static func inverseCovariance(_ argument: String?, folder: ModelFolder, encoder: CLIPTextEncoder) throws -> InverseCovariance {
        if let selected = try package(argument) {
            let url = selected.folder.appendingPathComponent(selected.manifest.stats.path)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw CLIError.fileNotFound(url.path, what: "text statistics file",
                                            fix: "compute it with `perf base stats \(selected.folder.path)`")
            }
            return try InverseCovariance(contentsOf: url)
        }
        Output.note("note: \(folder.url.path) is not a base package; using text statistics over perf's built-in captions "
                    + "(register it with `perf base import` to compute and keep them)")
        var covariance = TextCovariance(width: folder.textEncoder.hiddenSize)
        try covariance.add(captions: DefaultCaptions.all, tokenizer: folder.tokenizer, encoder: encoder)
        return try InverseCovariance(covariance, source: "\(folder.url.path) (built-in captions)")
    }
}
