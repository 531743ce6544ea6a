/// Temporary Float buffers for kernels (column matrices, score blocks, gathered gradients).
enum Scratch {
    /// Runs `body` with an uninitialised buffer of `count` floats, freed when it returns.
    static func with<R>(_ count: Int, _ body: (UnsafeMutablePointer<Float>) -> R) -> R {
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(count, 1))
        defer { buffer.deallocate() }
        return body(buffer)
    }
}
