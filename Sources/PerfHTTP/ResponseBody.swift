import Foundation

/// A response body collected in memory, refused once it passes a size limit.
final class ResponseBody {
    private let url: URL
    private let limit: Int
    /// The bytes received so far.
    private(set) var data = Data()

    /// An empty body for a request to `url` that may grow to `limit` bytes.
    init(url: URL, limit: Int) {
        self.url = url
        self.limit = limit
    }

    /// Appends `bytes`; throws once the body would pass the limit (a hostile or broken server).
    func receive(_ head: CurlResponseHead, _ bytes: UnsafeRawBufferPointer) throws {
        guard data.count + bytes.count <= limit else {
            throw HTTPError.badResponse(url, "the body is longer than the \(limit) bytes perf accepts")
        }
        data.append(contentsOf: bytes)
    }
}
