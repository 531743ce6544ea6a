/// Receives the regular files of an archive, in archive order, as a validating read
/// (`BundleReader`) meets them. Folders are never passed on.
protocol EntrySink {
    /// A file at `path` (normalised) of `size` bytes starts.
    mutating func begin(path: String, size: Int) throws
    /// The next bytes of the current file.
    mutating func append(_ bytes: UnsafeRawBufferPointer) throws
    /// The current file is complete.
    mutating func end() throws
}
