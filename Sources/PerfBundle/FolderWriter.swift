import Foundation

/// Writes the files of a validated archive below `root`, creating folders as needed and
/// never replacing anything (a name met twice is a bug upstream, and fails here).
struct FolderWriter: EntrySink {
    /// The folder the files land in.
    let root: URL
    private var current: FileDescriptor?

    /// A writer into the existing, empty folder `root`.
    init(root: URL) { self.root = root }

    mutating func begin(path: String, size: Int) throws {
        let url = root.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw BundleError(.io(path: url.deletingLastPathComponent().path,
                                  detail: "cannot be created (\(error.localizedDescription))"))
        }
        current = try FileDescriptor.createExclusively(url)
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        try current?.writeAll(bytes)
    }

    mutating func end() throws {
        try current?.syncAndClose()
        current = nil
    }
}
