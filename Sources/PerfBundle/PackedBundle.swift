import Foundation

/// A bundle `BundleArchive.pack(directory:to:)` wrote: where, its digest and its size.
public struct PackedBundle: Sendable, Equatable {
    /// The archive file.
    public let url: URL
    /// The SHA-256 of the archive's bytes, 64 lowercase hex digits.
    public let sha256: String
    /// The archive's size in bytes.
    public let size: Int

    /// Describes an archive at `url` with the given digest and size.
    public init(url: URL, sha256: String, size: Int) {
        self.url = url
        self.sha256 = sha256
        self.size = size
    }
}
