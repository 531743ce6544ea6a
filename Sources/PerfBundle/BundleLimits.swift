/// The most a bundle may hold, checked while reading it: bounds on one entry, on all
/// entries together, and on their number. Pick the preset for the package's kind.
public struct BundleLimits: Sendable, Equatable {
    /// The largest regular file one entry may hold, in bytes.
    public var maxEntryBytes: Int
    /// The largest sum of all regular files' sizes, in bytes.
    public var maxTotalBytes: Int
    /// The most entries (files and folders) an archive may hold.
    public var maxEntries: Int

    /// Limits with the given bounds.
    public init(maxEntryBytes: Int, maxTotalBytes: Int, maxEntries: Int) {
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxEntries = maxEntries
    }

    /// For concept bundles (a ~100 KB archive): 8 MiB an entry, 16 MiB in all, 64 entries.
    public static let concept = BundleLimits(maxEntryBytes: 8 << 20, maxTotalBytes: 16 << 20, maxEntries: 64)

    /// For base-model packages: 4 GiB an entry (a Stable Diffusion 1.x float32 UNet is
    /// 3.4 GB), 8 GiB in all, 4096 entries.
    public static let base = BundleLimits(maxEntryBytes: 4 << 30, maxTotalBytes: 8 << 30, maxEntries: 4096)
}
