import Foundation
import PerfClient
import PerfManifest

/// The diffusers model folder that `--base` names (DESIGN §4): a diffusers folder itself, a
/// base package folder (perf.json of kind "base": the package folder when it carries the
/// model's files, the referenced folder when it was registered by reference), or an installed
/// base package by name (`scope/name`: the version the current project's perf.lock pins, else
/// the newest installed). Without `--base`: the base the current project's perf.lock pins,
/// then `base` in PERF_HOME/config.json.
enum BaseSelection {
    /// The model folder for `argument`, or an error saying what `--base` accepts.
    static func modelFolder(_ argument: String?) throws -> URL {
        guard let argument = try argument ?? defaultBase() else {
            throw CLIError.invalidArgument("--base", value: "", expected: "a base package name (scope/name, installed), a base package "
                                           + "folder or a diffusers model folder; or set \"base\" in PERF_HOME/config.json")
        }
        let folder = URL(fileURLWithPath: argument, isDirectory: true).standardizedFileURL
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue {
            return try modelFolder(inPackage: folder)
        }
        if let name = PackageName(argument) {
            let lockfile = try ClientOptions.project.lockfile()
            return try modelFolder(inPackage: ClientHome(root: PerfHome.current.url).installedPackage(name, lockfile: lockfile).folder)
        }
        throw CLIError.fileNotFound(folder.path, what: "model folder",
                                    fix: "pass an installed base package's name (scope/name), a base package folder, or a diffusers "
                                        + "model folder (model_index.json, text_encoder/, tokenizer/, unet/, scheduler/)")
    }

    /// The model folder of the package folder `folder` (itself when it is a plain diffusers folder).
    static func modelFolder(inPackage folder: URL) throws -> URL {
        let manifestURL = folder.appendingPathComponent("perf.json")
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else { return folder }
        let manifest = try BaseManifest.decode(data, source: manifestURL.path)
        switch manifest.model.source {
        case .files: return folder
        case .reference(let path): return URL(fileURLWithPath: path, isDirectory: true)
        }
    }

    /// The base the current project locks, else the configured default, as a package name.
    static func defaultBase() throws -> String? {
        if let locked = try ClientOptions.project.lockfile()?.packages.first(where: { $0.kind == .base }) {
            return locked.name.description
        }
        return try PerfConfig.load(from: .current).base
    }
}
