import Foundation
import PerfDiagnostics

/// A request that failed: which URL, what happened (status, curl's words, timeout), and the fix.
public struct HTTPError: PerfError {
    private enum Failure: Sendable {
        case offline(method: String)
        case transport(method: String, CurlFailure, attempts: Int)
        case status(method: String, Int, attempts: Int, detail: String?)
        case badResponse(String)
        case verification(String)
        case localFile(path: String, String)
    }

    private let failure: Failure
    /// The URL the request went to.
    public let url: URL

    private init(_ failure: Failure, url: URL) {
        self.failure = failure
        self.url = url
    }

    static func offline(_ method: String, _ url: URL) -> HTTPError { HTTPError(.offline(method: method), url: url) }
    static func transport(_ method: String, _ url: URL, _ failure: CurlFailure, attempts: Int) -> HTTPError {
        HTTPError(.transport(method: method, failure, attempts: attempts), url: url)
    }
    static func status(_ method: String, _ url: URL, _ status: Int, attempts: Int, body: Data) -> HTTPError {
        HTTPError(.status(method: method, status, attempts: attempts, detail: summary(of: body)), url: url)
    }
    /// The server broke the protocol or a limit (wrong range, body too long, 304 with nothing cached).
    static func badResponse(_ url: URL, _ what: String) -> HTTPError { HTTPError(.badResponse(what), url: url) }
    /// A downloaded file was rejected (size or caller's verification) and discarded.
    static func verification(_ url: URL, _ what: String) -> HTTPError { HTTPError(.verification(what), url: url) }
    /// Reading or writing a local file failed.
    static func localFile(_ url: URL, path: URL, _ reason: String) -> HTTPError {
        HTTPError(.localFile(path: path.path, reason), url: url)
    }

    /// The HTTP status that ended the request, when a server answered with one.
    public var status: Int? {
        if case .status(_, let status, _, _) = failure { return status }
        return nil
    }

    public var exitStatus: ExitStatus {
        switch failure {
        case .offline: .unavailable
        case .transport(_, let failure, _):
            switch failure.kind {
            case .timeout: .temporaryFailure
            case .missingFile: .notFound
            case .connect, .interrupted, .other: .unavailable
            }
        case .status(_, let status, _, _):
            switch status {
            case 404, 410: .notFound
            case 401, 403: .configuration
            case 429: .temporaryFailure
            case 500...: .unavailable
            default: .failure
            }
        case .badResponse: .dataError
        case .verification: .verificationFailed
        case .localFile: .ioError
        }
    }

    public var description: String {
        switch failure {
        case .offline(let method):
            return "offline: perf would have fetched \(url.absoluteString) (\(method)); drop --offline to allow network access"
        case .transport(let method, let failure, let attempts):
            let tries = attempts > 1 ? " after \(attempts) attempts" : ""
            switch failure.kind {
            case .connect:
                return "could not connect to \(url.absoluteString)\(tries) (\(failure.message)); check the URL and the network, and that the server is up"
            case .timeout:
                return "\(method) \(url.absoluteString) timed out\(tries) (\(failure.message)); the server is slow or unreachable: try again later"
            case .interrupted:
                return "\(method) \(url.absoluteString): the connection broke off\(tries) (\(failure.message)); try again (an interrupted download resumes where it stopped)"
            case .missingFile:
                return "\(url.absoluteString) not found (\(failure.message)); check the path"
            case .other:
                return "\(method) \(url.absoluteString) failed: \(failure.message); check the URL"
            }
        case .status(let method, let status, let attempts, let detail):
            let tries = attempts > 1 ? " after \(attempts) attempts" : ""
            let said = detail.map { ": \($0)" } ?? ""
            let fix = switch status {
            case 404, 410: "check the name and version, and the registry URL"
            case 401, 403: "check the access token configured for this registry"
            case 429: "the server is limiting requests: wait a minute and try again"
            case 500...: "the server is failing: try again later"
            default: "perf or the server is at fault: run with --verbose and report it"
            }
            return "\(method) \(url.absoluteString) answered HTTP \(status)\(tries)\(said); \(fix)"
        case .badResponse(let what):
            return "\(url.absoluteString) sent a bad response: \(what); try again, and report the server if it persists"
        case .verification(let what):
            return "download of \(url.absoluteString) was refused and discarded: \(what); try again, and if it fails again the server or mirror holds a corrupted file"
        case .localFile(let path, let what):
            return "writing \(path) (from \(url.absoluteString)) failed: \(what); check the disk space and permissions"
        }
    }

    /// The first line of an error body, if it is short printable text worth showing.
    private static func summary(of body: Data) -> String? {
        guard !body.isEmpty, body.count <= 4096, let text = String(data: body, encoding: .utf8) else { return nil }
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !line.isEmpty, !line.hasPrefix("<"),
              !line.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        return String(line.prefix(200))
    }
}
