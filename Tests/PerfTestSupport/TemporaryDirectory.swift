import Foundation

/// A fresh directory under the system's temporary folder, removed when the value is
/// released. Tests create one each so that they never share files.
public final class TemporaryDirectory: @unchecked Sendable {
    /// The directory's location.
    public let url: URL

    /// Creates an empty directory whose name starts with `prefix`.
    public init(_ prefix: String = "perf-test") throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        url = base.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `relative` inside the directory.
    public func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// Writes `contents` to `relative`, creating intermediate folders.
    @discardableResult
    public func write(_ relative: String, _ contents: Data) throws -> URL {
        let file = path(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file)
        return file
    }

    /// Writes UTF-8 `text` to `relative`, creating intermediate folders.
    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> URL {
        try write(relative, Data(text.utf8))
    }

    /// Every regular file below the directory, as sorted relative paths.
    public func listFiles() throws -> [String] {
        try listFiles(under: url)
    }

    /// Every regular file below `root`, as sorted paths relative to it.
    public func listFiles(under root: URL) throws -> [String] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [String] = []
        let prefix = root.standardizedFileURL.path + "/"
        for case let file as URL in walker {
            if (try file.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
                files.append(String(file.standardizedFileURL.path.dropFirst(prefix.count)))
            }
        }
        return files.sorted()
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
