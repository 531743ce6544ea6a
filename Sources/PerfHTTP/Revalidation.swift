/// The answer to a conditional GET: the cached copy is still current, or here is the new one.
public enum Revalidation: Sendable, Equatable {
    /// The server answered 304: the cached body is current.
    case notModified
    /// The server sent a new body (or there was nothing to revalidate).
    case modified(CachedResource)
}
