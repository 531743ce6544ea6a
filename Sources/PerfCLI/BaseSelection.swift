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
    /// What `--base` chose: the model folder, and the base package around it when there is one.
    struct Selected {
        /// The diffusers model folder.
        let modelFolder: URL
        /// The base package's folder and manifest; nil for a plain diffusers folder.
        let package: (folder: URL, manifest: BaseManifest)?

        /// The guidance scale to sample with: `given`, else the base package's recorded one
        /// (`sampling.guidance`), else `fallback`.
        func guidance(_ given: Float?, otherwise fallback: Float) -> Float {
            given ?? package?.manifest.sampling?.guidance ?? fallback
        }
    }

    /// The base `argument` (or the default base) names, or an error saying what `--base` accepts.
    static func select(_ argument: String?) throws -> Selected {
        guard let argument = try argument ?? defaultBase() else {
            throw CLIError.invalidArgument("--base", value: "", expected: "a base package name (scope/name, installed), a base package "
                                           + "folder or a diffusers model folder; or set \"base\" in PERF_HOME/config.json")
        }
        let folder = URL(fileURLWithPath: argument, isDirectory: true).standardizedFileURL
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue {
            return try selected(inPackage: folder)
        }
        if let name = PackageName(argument) {
            let lockfile = try ClientOptions.project.lockfile()
            return try selected(inPackage: ClientHome(root: PerfHome.current.url).installedPackage(name, lockfile: lockfile).folder)
        }
        throw CLIError.fileNotFound(folder.path, what: "model folder",
                                    fix: "pass an installed base package's name (scope/name), a base package folder, or a diffusers "
                                        + "model folder (model_index.json, text_encoder/, tokenizer/, unet/, scheduler/)")
    }

    /// The model folder for `argument`.
    static func modelFolder(_ argument: String?) throws -> URL { try select(argument).modelFolder }

    /// The base package `argument` names, with its manifest; nil for a plain diffusers model folder.
    static func package(_ argument: String?) throws -> (folder: URL, manifest: BaseManifest)? { try select(argument).package }

    /// The selection for the folder `folder`: a base package (its files, or the folder it
    /// references) or a plain diffusers folder.
    static func selected(inPackage folder: URL) throws -> Selected {
        let manifestURL = folder.appendingPathComponent("perf.json")
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else { return Selected(modelFolder: folder, package: nil) }
        let manifest = try BaseManifest.decode(data, source: manifestURL.path)
        switch manifest.model.source {
        case .files: return Selected(modelFolder: folder, package: (folder, manifest))
        case .reference(let path): return Selected(modelFolder: URL(fileURLWithPath: path, isDirectory: true), package: (folder, manifest))
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
