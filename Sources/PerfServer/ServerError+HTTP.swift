import Foundation
import Hummingbird
import PerfDiagnostics

extension ServerError {
    /// The response's status, problem `type` slug and `title`. A registry refusal maps by its
    /// exit status: conflict → 409, bad data → 422, failed verification (bad signature,
    /// untrusted key or rotation, bad statement) → 403, unknown package or version → 404,
    /// lock held too long → 503; anything else is the server's fault → 500.
    var kind: (status: HTTPResponse.Status, slug: String, title: String) {
        switch reason {
        case .tokensFile, .startup: (.internalServerError, "server-error", "The server is misconfigured")
        case .missingToken: (.unauthorized, "missing-token", "A bearer token is required")
        case .invalidToken: (.unauthorized, "invalid-token", "The bearer token is not valid")
        case .insufficientScope: (.forbidden, "insufficient-scope", "The token does not grant this scope")
        case .writesDisabled: (.forbidden, "writes-disabled", "This server takes no writes")
        case .malformedPath: (.badRequest, "malformed-path", "The request path is refused")
        case .notFound: (.notFound, "not-found", "Not found")
        case .rangeNotSatisfiable: (.rangeNotSatisfiable, "range-not-satisfiable", "The range is not satisfiable")
        case .unsupportedMediaType: (.unsupportedMediaType, "unsupported-media-type", "The body must be JSON")
        case .tooLarge: (.contentTooLarge, "too-large", "The request body is too large")
        case .malformedRequest: (.badRequest, "malformed-request", "The request body is malformed")
        case .unprocessable: (.unprocessableContent, "unprocessable", "The request cannot be used")
        case .io: (.internalServerError, "server-error", "The server failed")
        case let .registry(error):
            switch error.exitStatus {
            case .conflict: (.conflict, "version-exists", "The version is already published")
            case .dataError: (.unprocessableContent, "invalid-package", "The package is invalid")
            case .verificationFailed: (.forbidden, "verification-failed", "Signature or key verification failed")
            case .notFound: (.notFound, "unknown-package", "The package or version is not published")
            case .temporaryFailure: (.serviceUnavailable, "registry-busy", "The registry is busy")
            default: (.internalServerError, "registry-error", "The registry failed")
            }
        }
    }

    /// Headers the status calls for: `WWW-Authenticate` (RFC 6750) on 401 and scope refusals,
    /// `Content-Range` on 416, `Retry-After` on 503.
    var headers: HTTPFields {
        var fields = HTTPFields()
        switch reason {
        case .missingToken: fields[.wwwAuthenticate] = #"Bearer realm="perf""#
        case .invalidToken: fields[.wwwAuthenticate] = #"Bearer realm="perf", error="invalid_token""#
        case .insufficientScope: fields[.wwwAuthenticate] = #"Bearer realm="perf", error="insufficient_scope""#
        case let .rangeNotSatisfiable(_, size): fields[.contentRange] = "bytes */\(size)"
        case let .registry(error) where error.exitStatus == .temporaryFailure: fields[.retryAfter] = "1"
        default: break
        }
        return fields
    }

    /// The problem document for this refusal of the request to `instance`, with server-side
    /// paths under `root` shown relative to the registry.
    func problem(instance: String, package: String?, version: String?, root: URL) -> ProblemDocument {
        let (status, slug, title) = kind
        let detail = description.replacingOccurrences(of: root.path + "/", with: "")
        return ProblemDocument(slug: slug, title: title, status: Int(status.code), detail: detail, instance: instance,
                               package: package, version: version)
    }

    /// The whole response: status, headers and problem document.
    func response(instance: String, package: String?, version: String?, root: URL, includeBody: Bool = true) -> Response {
        let body = problem(instance: instance, package: package, version: version, root: root).encoded()
        var fields = headers
        fields[.contentType] = ProblemDocument.mediaType
        fields[.contentLength] = String(body.count)
        fields[.cacheControl] = "no-store"
        return Response(status: kind.status, headers: fields,
                        body: includeBody ? ResponseBody(byteBuffer: ByteBuffer(bytes: body)) : ResponseBody())
    }
}
