import Foundation
import PerfDiffusion
import PerfSafeTensors

/// A temporary copy of a model folder whose float32 safetensors weights are stored as
/// float16 (`perf base import --half`): half the size, rounded to nearest. `remove()` deletes
/// it.
struct HalfPrecisionFolder {
    /// The converted copy.
    let url: URL

    /// Copies `folder` and converts every F32 tensor of its `.safetensors` files; throws, naming
    /// the file and tensor, for a finite weight beyond float16's range.
    init(of folder: ModelFolder) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("perf-half-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.copyItem(at: folder.url.resolvingSymlinksInPath(), to: url)
        } catch {
            throw CLIError.fileNotFound(folder.url.path, what: "readable model folder", fix: "check the model folder's permissions")
        }
        let files = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        do {
            for file in files where file.pathExtension == "safetensors" {
                try convert(file, shownAs: folder.url.appendingPathComponent(String(file.path.dropFirst(url.path.count + 1))).path)
            }
        } catch {
            remove()
            throw error
        }
    }

    /// Deletes the copy.
    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    private func convert(_ file: URL, shownAs source: String) throws {
        var weights = try SafeTensorsFile.read(from: file)
        for (name, tensor) in weights.tensors where tensor.dtype == .f32 {
            let floats = try tensor.floats()
            if let index = floats.firstIndex(where: { $0.isFinite && !Float(Float16($0)).isFinite }) {
                throw CLIError.invalidArgument("--half", value: source, expected: "weights within float16's range (tensor \(name) holds "
                                               + "\(floats[index])); import without --half to keep float32")
            }
            weights.tensors[name] = try SafeTensor(floats: floats, shape: tensor.shape, dtype: .f16)
        }
        try weights.write(to: file)
    }
}
