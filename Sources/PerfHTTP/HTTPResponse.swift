import Foundation

/// A complete HTTP response: status, headers and body.
public struct HTTPResponse: Sendable, Equatable {
    /// The URL that was requested.
    public let url: URL
    /// The status code (200 for a `file://` URL that was read).
    public let status: Int
    /// The final response's headers (after redirects).
    public let headers: HTTPHeaders
    /// The body, decoded from any content encoding.
    public let body: Data

    /// A response with these parts.
    public init(url: URL, status: Int, headers: HTTPHeaders, body: Data) {
        self.url = url
        self.status = status
        self.headers = headers
        self.body = body
    }
}
