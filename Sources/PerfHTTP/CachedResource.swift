import Foundation

/// A body fetched earlier with the `ETag` that names its version, kept by the caller for revalidation.
public struct CachedResource: Sendable, Equatable, Codable {
    /// The body as last fetched.
    public var body: Data
    /// The server's entity tag for that body, or nil when it sent none (then every fetch is full).
    public var etag: String?

    /// A cached body and its entity tag.
    public init(body: Data, etag: String?) {
        self.body = body
        self.etag = etag
    }
}
