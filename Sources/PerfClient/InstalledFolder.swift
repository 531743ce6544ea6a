import Foundation
import PerfBundle

/// An installed package's folder, `PERF_HOME/packages/<scope>/<name>/<version>/`.
struct InstalledFolder {
    /// The folder.
    let url: URL

    init(_ url: URL) { self.url = url }

    /// Whether the folder holds exactly `entries`: the same regular files with the same bytes, nothing else.
    func holds(_ entries: [BundleEntry]) throws -> Bool {
        let expected = Dictionary(entries.map { ($0.path, $0.contents) }) { first, _ in first }
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey]) else {
            return false
        }
        let prefix = url.standardizedFileURL.path + "/"
        var seen = 0
        for case let file as URL in walker {
            let values = try file.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
            if values.isDirectory == true { continue }
            let path = String(file.standardizedFileURL.path.dropFirst(prefix.count))
            guard values.isRegularFile == true, let contents = expected[path], try LocalFile.read(file) == contents else { return false }
            seen += 1
        }
        return seen == expected.count
    }

    /// Puts the folder `staging` (a sibling) in place of this one: a rename when there is
    /// none; otherwise the old folder is renamed aside first and removed after.
    func replace(with staging: URL) throws {
        let old = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).old-\(UUID().uuidString)")
        let hadOne = FileManager.default.fileExists(atPath: url.path)
        if hadOne, rename(url.path, old.path) != 0 {
            let problem = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: staging)
            throw ClientError.io(url.path, "move aside", problem)
        }
        guard rename(staging.path, url.path) == 0 else {
            let problem = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: staging)
            if hadOne { _ = rename(old.path, url.path) }
            throw ClientError.io(url.path, "put in place", problem)
        }
        if hadOne { try LocalFile.remove(old) }
    }
}
