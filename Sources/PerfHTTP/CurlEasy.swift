import CCurl
import Foundation
import PerfDiagnostics

/// curl's process-wide set-up, run once before the first handle (thread-safe lazy global).
private let curlGlobalInit: UInt32 = curl_global_init(perf_curl_global_default).rawValue

/// One request for curl to perform.
struct CurlRequest {
    /// GET, POST, PUT, DELETE…
    var method = "GET"
    /// Where to send it (`http`, `https` or `file`).
    var url: URL
    /// Extra request headers (`Range`, `If-None-Match`, `Authorization`…).
    var headers: [String: String] = [:]
    /// A request body, sent as is.
    var body: Data?
    /// Whether to ask for (and transparently decode) compressed bodies; off for ranged downloads.
    var acceptCompression = false
}

/// The final response's status line and headers, known before the first body byte.
struct CurlResponseHead: Sendable {
    /// The HTTP status; 0 for a `file://` URL.
    var status: Int
    /// The headers of the final response (after redirects).
    var headers: HTTPHeaders
}

/// A transfer that curl could not complete, in curl's own words.
struct CurlFailure: Error, Sendable {
    /// What kind of failure this is, for the retry decision and the message.
    enum Kind: Sendable {
        /// No connection could be opened.
        case connect
        /// The connect, stall or total time limit ran out.
        case timeout
        /// The connection broke off mid-request or mid-body.
        case interrupted
        /// A `file://` path (or remote file) does not exist.
        case missingFile
        /// Anything else: a bad URL, an unsupported scheme, a TLS failure.
        case other
    }
    /// The kind of failure.
    let kind: Kind
    /// curl's explanation, from its error buffer.
    let message: String
}

/// Body bytes of one transfer, handed over with the response head they belong to.
typealias CurlBodySink = (CurlResponseHead, UnsafeRawBufferPointer) throws -> Void

/// One libcurl easy handle. Reused across requests so keep-alive connections are reused;
/// not thread-safe: `HTTPClient` serialises access. The only place perf calls libcurl.
final class CurlEasy {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Opens a handle; a failure here means libcurl itself is unusable.
    init() throws {
        guard curlGlobalInit == CURLE_OK.rawValue else {
            throw InternalError("curl_global_init failed with code \(curlGlobalInit)")
        }
        guard let handle = curl_easy_init() else { throw InternalError("curl_easy_init returned NULL") }
        self.handle = handle
        errorBuffer = .allocate(capacity: perf_curl_error_size)
        errorBuffer.initialize(repeating: 0, count: perf_curl_error_size)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Performs `request`, streaming the body into `sink`; returns the final status and headers.
    /// Throws `CurlFailure` for transport failures, and rethrows whatever `sink` threw.
    func perform(_ request: CurlRequest, configuration: HTTPClientConfiguration,
                 sink: @escaping CurlBodySink) throws -> CurlResponseHead {
        curl_easy_reset(handle)  // keeps live connections, clears every option
        let transfer = CurlTransfer(sink: sink, stallLimit: .milliseconds(Int(configuration.stallTimeout * 1000)))
        let box = Unmanaged.passRetained(transfer)
        defer { box.release() }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }

        try set(CURLOPT_URL, request.url.absoluteString)
        try set(CURLOPT_PROTOCOLS_STR, "http,https,file")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_FOLLOWLOCATION, 1)
        try set(CURLOPT_MAXREDIRS, 5)
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_USERAGENT, configuration.userAgent)
        try set(CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout * 1000))
        try set(CURLOPT_TIMEOUT_MS, configuration.totalTimeout.map { Int($0 * 1000) } ?? 0)
        if request.acceptCompression { try set(CURLOPT_ACCEPT_ENCODING, "") }
        try check(perf_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "CURLOPT_ERRORBUFFER")
        errorBuffer[0] = 0

        switch request.method {
        case "GET": try set(CURLOPT_HTTPGET, 1)
        case "HEAD": try set(CURLOPT_NOBODY, 1)
        default: try set(CURLOPT_CUSTOMREQUEST, request.method)
        }
        if let body = request.body {
            try check(perf_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)),
                      "CURLOPT_POSTFIELDSIZE_LARGE")
            try body.withUnsafeBytes { bytes in
                // COPYPOSTFIELDS copies now, so the buffer need not outlive this call.
                let base = bytes.baseAddress ?? UnsafeRawPointer(errorBuffer)
                try check(perf_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base)),
                          "CURLOPT_COPYPOSTFIELDS")
            }
        }
        // An empty `Expect:` stops curl from waiting for `100 Continue` before sending a body.
        for line in request.headers.sorted(by: { $0.key < $1.key }).map({ "\($0.key): \($0.value)" }) + ["Expect:"] {
            guard let appended = curl_slist_append(headerList, line) else { throw InternalError("curl_slist_append failed") }
            headerList = appended
        }
        try check(perf_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList), "CURLOPT_HTTPHEADER")

        try check(perf_curl_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, { data, size, count, userdata in
            guard let data, let userdata else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
            transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }), "CURLOPT_HEADERFUNCTION")
        try check(perf_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, box.toOpaque()), "CURLOPT_HEADERDATA")
        try check(perf_curl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, { data, size, count, userdata in
            guard let userdata else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
            // Returning less than offered makes curl abort with CURLE_WRITE_ERROR.
            return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
        }), "CURLOPT_WRITEFUNCTION")
        try check(perf_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, box.toOpaque()), "CURLOPT_WRITEDATA")
        // curl calls this about once a second even when nothing arrives: the stall clock.
        try set(CURLOPT_NOPROGRESS, 0)
        try check(perf_curl_setopt_xferinfo_callback(handle, CURLOPT_XFERINFOFUNCTION, { userdata, _, downloaded, _, uploaded in
            guard let userdata else { return 1 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
            return transfer.progress(downloaded: Int64(downloaded), uploaded: Int64(uploaded)) ? 0 : 1
        }), "CURLOPT_XFERINFOFUNCTION")
        try check(perf_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, box.toOpaque()), "CURLOPT_XFERINFODATA")

        let code = curl_easy_perform(handle)
        if let sinkError = transfer.sinkError { throw sinkError }
        if code == CURLE_ABORTED_BY_CALLBACK, transfer.stalled {
            throw CurlFailure(kind: .timeout, message: "nothing received for \(String(format: "%g", configuration.stallTimeout)) s")
        }
        guard code == CURLE_OK else { throw failure(code) }
        var status = 0
        try check(perf_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status), "CURLINFO_RESPONSE_CODE")
        return CurlResponseHead(status: status, headers: transfer.head.headers)
    }

    private func set(_ option: CURLoption, _ value: String) throws {
        try check(perf_curl_setopt_string(handle, option, value), "option \(option.rawValue)")
    }

    private func set(_ option: CURLoption, _ value: Int) throws {
        try check(perf_curl_setopt_long(handle, option, value), "option \(option.rawValue)")
    }

    /// A setopt/getinfo failure is perf asking for something this libcurl cannot do: a bug.
    private func check(_ code: CURLcode, _ what: String) throws {
        guard code == CURLE_OK else {
            throw InternalError("libcurl refused \(what): \(String(cString: curl_easy_strerror(code)))")
        }
    }

    private func failure(_ code: CURLcode) -> CurlFailure {
        let detail = errorBuffer[0] == 0 ? String(cString: curl_easy_strerror(code)) : String(cString: errorBuffer)
        let kind: CurlFailure.Kind = switch code {
        case CURLE_COULDNT_CONNECT, CURLE_SSL_CONNECT_ERROR: .connect
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_HTTP2, CURLE_HTTP2_STREAM: .interrupted
        case CURLE_FILE_COULDNT_READ_FILE, CURLE_REMOTE_FILE_NOT_FOUND: .missingFile
        default: .other
        }
        return CurlFailure(kind: kind, message: detail)
    }
}

/// The state one transfer's callbacks share, reached from C through an `Unmanaged` box.
private final class CurlTransfer {
    let sink: CurlBodySink
    /// The head of the response being received; reset by each new status line (redirects, 100 Continue).
    var head = CurlResponseHead(status: 0, headers: HTTPHeaders())
    /// The error that made the sink stop the transfer.
    var sinkError: Error?
    /// Whether the transfer was stopped for going `stallLimit` without a byte either way.
    private(set) var stalled = false
    private let stallLimit: Duration
    private var transferred: (downloaded: Int64, uploaded: Int64) = (0, 0)
    private var lastProgress = ContinuousClock.now

    init(sink: @escaping CurlBodySink, stallLimit: Duration) {
        self.sink = sink
        self.stallLimit = stallLimit
    }

    /// Notes the byte counts so far; false (abort) once nothing has moved for `stallLimit`.
    func progress(downloaded: Int64, uploaded: Int64) -> Bool {
        let now = ContinuousClock.now
        if downloaded != transferred.downloaded || uploaded != transferred.uploaded {
            transferred = (downloaded, uploaded)
            lastProgress = now
        } else if now - lastProgress > stallLimit {
            stalled = true
            return false
        }
        return true
    }

    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            let parts = line.split(separator: " ", maxSplits: 2)
            head = CurlResponseHead(status: parts.count > 1 ? Int(parts[1]) ?? 0 : 0, headers: HTTPHeaders())
        } else if let colon = line.firstIndex(of: ":") {
            head.headers.append(name: String(line[..<colon]),
                                value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }

    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        do {
            try sink(head, bytes)
            return true
        } catch {
            sinkError = error
            return false
        }
    }
}
