import Foundation

/// How an `HTTPClient` connects, how long it waits, and how often it retries.
public struct HTTPClientConfiguration: Sendable, Equatable {
    /// Seconds to wait for a connection to open.
    public var connectTimeout: TimeInterval
    /// Seconds a request may go without a byte moving either way (the wait for the first byte
    /// included) before it is abandoned as stalled; checked about once a second.
    public var stallTimeout: TimeInterval
    /// Seconds one request may take in all, or nil for no limit (large downloads).
    public var totalTimeout: TimeInterval?
    /// How many times a transient failure is retried before giving up (so up to `maxRetries + 1` attempts).
    public var maxRetries: Int
    /// The wait before the first retry; each later wait doubles, with jitter.
    public var initialBackoff: TimeInterval
    /// The longest wait perf honours from a server's `Retry-After` (and the cap on backoff).
    public var maxRetryDelay: TimeInterval
    /// The largest body `get` and `send` keep in memory; a longer one is refused.
    public var maxResponseSize: Int
    /// The `User-Agent` header, `perf/<version>`.
    public var userAgent: String
    /// When true every request throws before any connection is attempted (`--offline`).
    public var offline: Bool

    /// A configuration with perf's defaults: 15 s to connect, 30 s of silence, 4 retries from 0.2 s.
    public init(connectTimeout: TimeInterval = 15, stallTimeout: TimeInterval = 30, totalTimeout: TimeInterval? = nil,
                maxRetries: Int = 4, initialBackoff: TimeInterval = 0.2, maxRetryDelay: TimeInterval = 30,
                maxResponseSize: Int = 64 << 20, userAgent: String = "perf", offline: Bool = false) {
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
        self.totalTimeout = totalTimeout
        self.maxRetries = maxRetries
        self.initialBackoff = initialBackoff
        self.maxRetryDelay = maxRetryDelay
        self.maxResponseSize = maxResponseSize
        self.userAgent = userAgent
        self.offline = offline
    }
}
