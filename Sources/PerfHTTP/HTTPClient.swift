import Foundation
import Logging
import PerfDiagnostics

/// An HTTP client over libcurl for perf's registries: one reused connection per host, time
/// limits, retries with backoff on transient failures, resumable verified downloads, ETag
/// revalidation, and an offline mode that never reaches the network. Knows nothing of
/// registries: callers check digests and signatures. Safe to share between threads; requests
/// run one at a time.
public final class HTTPClient: @unchecked Sendable {
    /// How this client connects, waits and retries.
    public let configuration: HTTPClientConfiguration
    let logger: Logger
    private let lock = NSLock()
    /// The one curl handle, opened by the first request; guarded by `lock`.
    private var easy: CurlEasy?

    /// A client with `configuration`; retries are logged to `logger` at notice level.
    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration(),
                logger: Logger = Logger(label: "perf.http")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Fetches `url`; throws `HTTPError` unless the final status is 2xx (404 has exit status `.notFound`).
    public func get(_ url: URL, headers: [String: String] = [:]) throws -> HTTPResponse {
        let response = try fetch(CurlRequest(url: url, headers: headers, acceptCompression: true))
        guard (200..<300).contains(response.status) else {
            throw HTTPError.status("GET", url, response.status, attempts: 1, body: response.body)
        }
        return response
    }

    /// Fetches `url` unless `cached` is still current: sends `If-None-Match` with its ETag and
    /// answers `.notModified` on 304, or `.modified` with the new body and ETag.
    public func getRevalidating(_ url: URL, cached: CachedResource?, headers: [String: String] = [:]) throws -> Revalidation {
        var headers = headers
        if let etag = cached?.etag { headers["If-None-Match"] = etag }
        let response = try fetch(CurlRequest(url: url, headers: headers, acceptCompression: true))
        switch response.status {
        case 304:
            guard cached?.etag != nil else { throw HTTPError.badResponse(url, "HTTP 304 to a request that was not conditional") }
            return .notModified
        case 200..<300:
            return .modified(CachedResource(body: response.body, etag: response.headers["ETag"]))
        default:
            throw HTTPError.status("GET", url, response.status, attempts: 1, body: response.body)
        }
    }

    /// Sends `body` with `method` (POST, PUT, DELETE…) and returns the response whatever its status,
    /// since write APIs explain refusals in their bodies. Retried only when the server certainly
    /// did not act on it (no connection, 429, 503).
    public func send(_ method: String, _ url: URL, body: Data, headers: [String: String] = [:]) throws -> HTTPResponse {
        try fetch(CurlRequest(method: method, url: url, headers: headers, body: body), scope: .unprocessed)
    }

    /// Throws before anything reaches curl when the client is offline.
    func requireOnline(_ method: String, _ url: URL) throws {
        if configuration.offline { throw HTTPError.offline(method, url) }
    }

    /// Performs `request` with retries, keeping the body in memory (up to `maxResponseSize`).
    private func fetch(_ request: CurlRequest, scope: RetryPolicy.Scope = .idempotent) throws -> HTTPResponse {
        try requireOnline(request.method, request.url)
        return try withRetries(request.method, request.url, scope: scope) {
            let body = ResponseBody(url: request.url, limit: configuration.maxResponseSize)
            let head = try perform(request, sink: body.receive)
            let response = HTTPResponse(url: request.url, status: head.status, headers: head.headers, body: body.data)
            return Attempt(head: head, body: body.data, value: response)
        }.value
    }

    /// Runs `attempt` until it ends in a non-transient outcome, waiting with backoff between
    /// tries; throws `HTTPError` when the retries run out on a transient failure.
    func withRetries<Value>(_ method: String, _ url: URL, scope: RetryPolicy.Scope,
                            _ attempt: () throws -> Attempt<Value>) throws -> Attempt<Value> {
        let policy = RetryPolicy(configuration)
        var retry = 0
        while true {
            let reason: String
            var retryAfter: String?
            do {
                let outcome = try attempt()
                guard RetryPolicy.isTransient(status: outcome.head.status, scope: scope) else { return outcome }
                guard retry < policy.maxRetries else {
                    throw HTTPError.status(method, url, outcome.head.status, attempts: retry + 1, body: outcome.body)
                }
                reason = "HTTP \(outcome.head.status)"
                retryAfter = outcome.head.headers["Retry-After"]
            } catch let failure as CurlFailure {
                guard RetryPolicy.isTransient(failure.kind, scope: scope), retry < policy.maxRetries else {
                    throw HTTPError.transport(method, url, failure, attempts: retry + 1)
                }
                reason = failure.message
            }
            let delay = policy.delay(beforeRetry: retry, retryAfter: retryAfter, jitter: Double.random(in: 0..<1))
            logger.notice("retrying \(method) \(url.absoluteString) in \(String(format: "%.2f", delay)) s after \(reason) (attempt \(retry + 2) of \(policy.maxRetries + 1))")
            Thread.sleep(forTimeInterval: delay)
            retry += 1
        }
    }

    /// Performs one request on the shared handle; a `file://` read reports status 200.
    func perform(_ request: CurlRequest, sink: @escaping CurlBodySink) throws -> CurlResponseHead {
        let isFile = request.url.isFileURL
        func normalized(_ head: CurlResponseHead) -> CurlResponseHead {
            isFile && head.status == 0 ? CurlResponseHead(status: 200, headers: head.headers) : head
        }
        lock.lock()
        defer { lock.unlock() }
        if easy == nil { easy = try CurlEasy() }
        guard let easy else { throw InternalError("curl handle missing after opening it") }
        let head = try easy.perform(request, configuration: configuration) { head, bytes in
            try sink(normalized(head), bytes)
        }
        return normalized(head)
    }
}

/// The outcome of one attempt: the response head, the body to quote if it is an error, and the result.
struct Attempt<Value> {
    /// The final response's status and headers.
    var head: CurlResponseHead
    /// The body (or its first bytes), for the error message when the status is a failure.
    var body: Data
    /// What the attempt produced.
    var value: Value
}
