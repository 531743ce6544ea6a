import Foundation

/// An RFC 7807 problem document (`application/problem+json`): every refused request's body.
/// `type` is a tag URI (RFC 4151) naming the kind of problem, stable for clients to match;
/// `package` and `version` are extension members, present when the request named them.
public struct ProblemDocument: Codable, Sendable, Equatable {
    /// The problem kind, `tag:perf.registry,2025:problem/<slug>`; docs/registry-api.md lists them.
    public var type: String
    /// A short summary of the problem kind, the same for every occurrence.
    public var title: String
    /// The HTTP status code of the response.
    public var status: Int
    /// What happened in this occurrence, to which package or file, and what to do.
    public var detail: String
    /// The request path this occurrence concerns.
    public var instance: String?
    /// The package (`scope/name`) the request named, if any.
    public var package: String?
    /// The version the request named, if any.
    public var version: String?

    /// The media type of a problem document.
    public static let mediaType = "application/problem+json"
    /// The prefix of every problem `type` this server writes.
    public static let typePrefix = "tag:perf.registry,2025:problem/"

    /// A problem document from its members; `slug` becomes the `type` URI's last part.
    public init(slug: String, title: String, status: Int, detail: String, instance: String? = nil,
                package: String? = nil, version: String? = nil) {
        type = Self.typePrefix + slug
        self.title = title
        self.status = status
        self.detail = detail
        self.instance = instance
        self.package = package
        self.version = version
    }

    /// The last part of `type`, e.g. `version-exists`.
    public var slug: String {
        type.hasPrefix(Self.typePrefix) ? String(type.dropFirst(Self.typePrefix.count)) : type
    }

    /// The document as compact JSON with sorted keys, absent members left out.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings and an integer always encode.
        return (try? encoder.encode(self)) ?? Data()
    }
}
