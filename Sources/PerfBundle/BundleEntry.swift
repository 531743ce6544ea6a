import Foundation

/// One regular file of a bundle: its path inside the bundle and its bytes.
public struct BundleEntry: Sendable, Equatable {
    /// The `/`-separated relative path, e.g. `perf.json` or `unet/config.json`.
    public let path: String
    /// The file's bytes.
    public let contents: Data

    /// An entry holding `contents` at `path`.
    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }
}
