import Foundation
import PerfHTTP

/// The bytes flaky_server.py serves under `/blob/SIZE/...`: byte i is i % 251.
enum BlobPattern {
    /// The first `size` bytes of the pattern.
    static func bytes(_ size: Int) -> Data {
        Data((0..<size).map { UInt8($0 % 251) })
    }
}

/// A verification step that accepts a file only if it holds exactly `expected`.
struct ContentCheck: Error, CustomStringConvertible {
    let description: String

    /// A `verify` closure for `HTTPClient.download` comparing the file with `expected`.
    static func matching(_ expected: Data) -> (URL) throws -> Void {
        { file in
            let actual = try Data(contentsOf: file)
            guard actual == expected else {
                throw ContentCheck(description: "content differs from what was expected (\(actual.count) bytes)")
            }
        }
    }
}

extension HTTPClientConfiguration {
    /// Short limits and near-zero backoff, so failure tests finish in a second or two.
    static func fast(maxRetries: Int = 4, stallTimeout: TimeInterval = 1, offline: Bool = false) -> HTTPClientConfiguration {
        HTTPClientConfiguration(connectTimeout: 2, stallTimeout: stallTimeout, totalTimeout: 20, maxRetries: maxRetries,
                                initialBackoff: 0.01, maxRetryDelay: 3, userAgent: "perf/test", offline: offline)
    }
}
