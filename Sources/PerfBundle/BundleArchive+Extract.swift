import Foundation

extension BundleArchive {
    /// Writes the files of an already validated archive into a temporary folder beside
    /// `destination`, then renames it into place; removes the temporary folder on failure.
    static func extract(_ reader: BundleReader, to destination: URL) throws {
        let parent = destination.deletingLastPathComponent()
        guard try FileDescriptor.kind(at: destination) == nil else {
            throw BundleError(.destinationExists(path: destination.path))
        }
        guard try FileDescriptor.kind(at: parent) == .directory else {
            throw BundleError(.destinationParentMissing(path: parent.path))
        }
        let staging = temporarySibling(of: destination)
        let files = FileManager.default
        do {
            try files.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw BundleError(.io(path: staging.path, detail: "cannot be created (\(error.localizedDescription))"))
        }
        do {
            var writer = FolderWriter(root: staging)
            try reader.read(into: &writer)
            do { try files.moveItem(at: staging, to: destination) } catch {
                throw BundleError(.io(path: destination.path,
                                      detail: "cannot be put in place (\(error.localizedDescription)); remove it and extract again"))
            }
        } catch {
            try? files.removeItem(at: staging)
            throw error
        }
    }
}
