extension BaseManifest {
    /// The text whose SHA-256 is a base's `weights_digest`: one line `<sha256 hex>  <path>\n`
    /// per model file (two spaces, exactly as `sha256sum` prints), sorted by the paths'
    /// UTF-8 bytes. So, in a model folder holding only the model's files:
    ///
    ///     find . -type f | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum | sha256sum
    ///
    /// prints the digest's hex. The order of `files` does not matter.
    public static func weightsDigestListing(_ files: [File]) -> String {
        files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            .map { "\($0.sha256.hex)  \($0.path)\n" }
            .joined()
    }
}
