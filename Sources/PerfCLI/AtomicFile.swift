import Foundation

/// Writes a file so that readers see either the old or the complete new contents:
/// a temporary file in the same folder, then a rename.
enum AtomicFile {
    /// Writes `data` to `url` atomically.
    static func write(_ data: Data, to url: URL) throws {
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temp)
            if rename(temp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw CLIError.fileNotFound(url.path, what: "writable location", fix: "check that the folder exists and is writable")
        }
    }
}
