/// A reusable, uninitialised Float buffer for a kernel's temporaries (column matrices,
/// gathered gradients). Its address stays valid until the next `reserve` that grows it.
final class Scratch {
    private var base: UnsafeMutablePointer<Float>?
    private var capacity = 0

    /// A pointer to at least `count` floats (contents unspecified).
    func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity || base == nil {
            base?.deallocate()
            capacity = Swift.max(count, 1)
            base = UnsafeMutablePointer<Float>.allocate(capacity: capacity)
        }
        return base!
    }

    deinit { base?.deallocate() }
}
