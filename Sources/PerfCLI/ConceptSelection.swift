import Foundation
import PerfBundle
import PerfDiffusion
import PerfManifest
import PerfPerfusion
import PerfSafeTensors

/// The concepts that `--concept` names: a concept package folder (perf.json and
/// concept.safetensors), its concept.safetensors, or a packed bundle (`NAME-VERSION.perf`).
/// The token, superclass, gate and locking come from the package's perf.json.
enum ConceptSelection {
    /// The concepts at `arguments`, each checked against the base's cross-attention `layers`
    /// (errors name the concept's file and tensor).
    static func concepts(_ arguments: [String], layers: [CrossAttentionLayer]) throws -> [Concept] {
        try arguments.map { argument in
            let (loaded, _, source) = try concept(argument)
            try loaded.validate(against: layers, source: source)
            return loaded
        }
    }

    /// The concept at `argument`, with its package's gate and locking, its manifest, and the file it came from.
    static func concept(_ argument: String) throws -> (Concept, manifest: ConceptManifest, source: String) {
        let url = URL(fileURLWithPath: argument).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw CLIError.fileNotFound(url.path, what: "concept",
                                        fix: "pass a concept package folder, its concept.safetensors, or a .perf bundle")
        }
        if isFolder.boolValue { return try fromFolder(url) }
        if url.lastPathComponent == "concept.safetensors" { return try fromFolder(url.deletingLastPathComponent()) }
        guard let archive = FileManager.default.contents(atPath: url.path) else {
            throw CLIError.fileNotFound(url.path, what: "readable bundle", fix: "check the file's permissions")
        }
        let manifest = try conceptManifest(try BundleArchive.file("perf.json", in: archive, source: url.path, limits: .concept),
                                           source: "\(url.path): perf.json")
        let tensors = try BundleArchive.file("concept.safetensors", in: archive, source: url.path, limits: .concept)
        let source = "\(url.path): concept.safetensors"
        return (try concept(SafeTensorsFile(data: tensors, source: source), source: source, manifest: manifest), manifest, source)
    }

    /// The concept of a package folder.
    private static func fromFolder(_ folder: URL) throws -> (Concept, manifest: ConceptManifest, source: String) {
        let manifestURL = folder.appendingPathComponent("perf.json")
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            throw CLIError.fileNotFound(manifestURL.path, what: "concept manifest",
                                        fix: "a concept package folder holds perf.json (token, superclass, gate) beside concept.safetensors")
        }
        let manifest = try conceptManifest(data, source: manifestURL.path)
        let tensorsURL = folder.appendingPathComponent("concept.safetensors")
        return (try concept(SafeTensorsFile.read(from: tensorsURL), source: tensorsURL.path, manifest: manifest), manifest, tensorsURL.path)
    }

    private static func conceptManifest(_ data: Data, source: String) throws -> ConceptManifest {
        guard case .concept(let manifest) = try PackageManifest.decode(data, source: source) else {
            throw CLIError.invalidArgument("--concept", value: source, expected: "the manifest of a concept package (kind \"concept\")")
        }
        return manifest
    }

    private static func concept(_ file: SafeTensorsFile, source: String, manifest: ConceptManifest) throws -> Concept {
        let gate = try ConceptGate(beta: Float(manifest.gate.beta), tau: Float(manifest.gate.tau))
        return try Concept(file: file, source: source, token: manifest.token, superclass: manifest.superclass, gate: gate,
                           locking: KeyLocking(rawValue: manifest.gate.locking.rawValue) ?? .local)
    }
}
