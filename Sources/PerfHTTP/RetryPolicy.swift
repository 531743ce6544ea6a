import Foundation

/// When a failed request is worth another attempt, and how long to wait before it.
struct RetryPolicy: Sendable {
    /// Which requests may be repeated after which failures.
    enum Scope: Sendable {
        /// Reads (GET): any transient failure is retried.
        case idempotent
        /// Writes: retried only when the server certainly did not act (no connection, 429, 503).
        case unprocessed
    }

    /// Retries after the first attempt.
    let maxRetries: Int
    /// The first wait; each later one doubles.
    let initialBackoff: TimeInterval
    /// The cap on any wait, `Retry-After` included.
    let maxDelay: TimeInterval

    /// The policy `configuration` asks for.
    init(_ configuration: HTTPClientConfiguration) {
        maxRetries = max(0, configuration.maxRetries)
        initialBackoff = max(0, configuration.initialBackoff)
        maxDelay = max(0, configuration.maxRetryDelay)
    }

    /// Whether a transport failure may be retried within `scope`.
    static func isTransient(_ failure: CurlFailure.Kind, scope: Scope) -> Bool {
        switch (failure, scope) {
        case (.connect, _): true
        case (.timeout, .idempotent), (.interrupted, .idempotent): true
        default: false
        }
    }

    /// Whether a response status may be retried within `scope`: 429 and the gateway/overload 5xx,
    /// never another 4xx.
    static func isTransient(status: Int, scope: Scope) -> Bool {
        switch (status, scope) {
        case (429, _), (503, _): true
        case (500, .idempotent), (502, .idempotent), (504, .idempotent): true
        default: false
        }
    }

    /// The wait before retry number `retry` (0 for the first): the doubled backoff scaled by
    /// `jitter` ∈ [0, 1) into its upper half, or the server's `Retry-After` when it gave one; capped.
    func delay(beforeRetry retry: Int, retryAfter: String?, jitter: Double, now: Date = Date()) -> TimeInterval {
        if let retryAfter, let asked = Self.seconds(retryAfter: retryAfter, now: now) {
            return min(asked, maxDelay)
        }
        let backoff = initialBackoff * pow(2, Double(min(retry, 30)))
        return min(backoff * (0.5 + 0.5 * jitter), maxDelay)
    }

    /// The seconds a `Retry-After` value asks for (delta-seconds or an HTTP date), or nil when malformed.
    static func seconds(retryAfter value: String, now: Date = Date()) -> TimeInterval? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return seconds >= 0 ? TimeInterval(seconds) : nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
