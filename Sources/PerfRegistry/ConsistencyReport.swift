/// What `FileRegistry.verifyConsistency()` found in a registry that passed.
public struct ConsistencyReport: Sendable, Equatable {
    /// Packages with an index file.
    public let packages: Int
    /// Index lines, over all packages.
    public let versions: Int
    /// Scopes with a key history.
    public let scopes: Int
    /// Entries in `log/entries`.
    public let logEntries: Int
    /// The write a killed writer left in `log/pending` (e.g. `publish alice/teddy@1.0.0`),
    /// checked as if rolled forward; the next write or `recover()` completes it.
    public let interruptedOperation: String?
    /// Blobs no index line names (hex): left by a publish killed before its intent record;
    /// harmless, and rewritten if that archive is published again.
    public let unreferencedBlobs: [String]
    /// Temporary files killed writers left (paths relative to the root); `recover()` removes them.
    public let temporaryFiles: [String]
}
