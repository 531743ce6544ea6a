import Foundation
import PerfBundle
import PerfDiffusion
import PerfManifest

/// The files of a diffusers model folder that a base package records: `model_index.json` and
/// every regular file (links followed) below the component folders perf loads, except hidden
/// files and other frameworks' weights (`.bin`, `.ckpt`, `.pt`, `.pth`, `.msgpack`, `.h5`,
/// `.onnx`, `.onnx_data`, `.pb`), which perf never reads.
struct BaseModelFiles {
    /// The model folder.
    let root: URL
    /// The files, relative paths sorted by their UTF-8 bytes, with their digests and sizes.
    let files: [BaseManifest.File]
    /// Relative paths left out as other frameworks' weights.
    let skipped: [String]

    /// Extensions of weights perf does not read.
    static let foreignWeights: Set<String> = ["bin", "ckpt", "pt", "pth", "msgpack", "h5", "onnx", "onnx_data", "pb"]

    /// Lists and hashes the model files of `folder`.
    init(_ folder: ModelFolder) throws {
        let root = folder.url
        self.root = root
        var paths = ["model_index.json"]
        var skipped: [String] = []
        let components = ["text_encoder", "tokenizer", "unet", "scheduler", "vae"].filter { folder.index.components[$0] != nil }
        for component in components {
            for path in try Self.regularFiles(below: root.appendingPathComponent(component), prefix: component) {
                if Self.foreignWeights.contains((path as NSString).pathExtension) { skipped.append(path) } else { paths.append(path) }
            }
        }
        files = try paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { path in
            let url = root.appendingPathComponent(path)
            let size = try FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)[.size] as? Int ?? 0
            return BaseManifest.File(path: path, sha256: try Digest(sha256Hex: ContentDigest.sha256Hex(file: url)), size: size)
        }
        self.skipped = skipped.sorted()
    }

    /// The bytes of every file.
    var totalSize: Int { files.reduce(0) { $0 + $1.size } }

    /// The weights digest: the SHA-256 of `BaseManifest.weightsDigestListing(files)`.
    var weightsDigest: Digest {
        get throws { try Digest(sha256Hex: ContentDigest.tree(files.map { ($0.path, $0.sha256.hex) })) }
    }

    /// Regular files below `folder` (links followed, hidden names skipped), as `prefix/…` paths.
    private static func regularFiles(below folder: URL, prefix: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil,
                                                          options: [.skipsHiddenFiles]) else { return [] }
        var paths: [String] = []
        let base = folder.standardizedFileURL.path + "/"
        for case let url as URL in walker {
            let resolved = url.resolvingSymlinksInPath()
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            paths.append(prefix + "/" + String(url.standardizedFileURL.path.dropFirst(base.count)))
        }
        return paths
    }
}
