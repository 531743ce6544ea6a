import Foundation

extension FileRegistry: LogSource {
    /// The registry's folder.
    public var logLocation: String { root.path }

    /// The bytes of `log/checkpoint`.
    public func signedCheckpoint() throws -> Data {
        guard let data = try DurableFile.read(layout.checkpoint) else {
            throw RegistryError.notARegistry(root.path, "its \(RegistryLayout.checkpointPath) is missing")
        }
        return data
    }

    /// The bytes of `log/entries`.
    public func logEntries() throws -> Data {
        guard let data = try DurableFile.read(layout.logEntries) else {
            throw RegistryError.notARegistry(root.path, "its \(RegistryLayout.logEntriesPath) is missing")
        }
        return data
    }
}
