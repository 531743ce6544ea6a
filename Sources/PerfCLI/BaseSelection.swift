import Foundation
import PerfManifest

/// The diffusers model folder that `--base` names: a diffusers folder itself, or a base
/// package folder (perf.json of kind "base"): the package folder when it carries the model's
/// files, the referenced folder when it was registered by reference. Installed packages by
/// name (`scope/name`) resolve once `perf install` installs them.
enum BaseSelection {
    /// The model folder for `argument` (a path), or an error saying what `--base` accepts.
    static func modelFolder(_ argument: String?) throws -> URL {
        guard let argument else {
            throw CLIError.invalidArgument("--base", value: "", expected: "a diffusers model folder or a base package folder (perf base import writes one)")
        }
        let folder = URL(fileURLWithPath: argument, isDirectory: true).standardizedFileURL
        let manifestURL = folder.appendingPathComponent("perf.json")
        if let data = FileManager.default.contents(atPath: manifestURL.path) {
            let manifest = try BaseManifest.decode(data, source: manifestURL.path)
            switch manifest.model.source {
            case .files: return folder
            case .reference(let path): return URL(fileURLWithPath: path, isDirectory: true)
            }
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue {
            return folder
        }
        if PackageName(argument) != nil {
            throw CLIError.invalidArgument("--base", value: argument,
                                           expected: "a path for now: installed base packages by name arrive with `perf install`; pass the base package folder or the diffusers model folder")
        }
        throw CLIError.fileNotFound(folder.path, what: "model folder",
                                    fix: "pass a diffusers model folder (model_index.json, text_encoder/, tokenizer/, unet/, scheduler/) or a base package folder")
    }
}
