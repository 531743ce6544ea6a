import Hummingbird

/// The read path: GET and HEAD of any file of the registry tree, as a static web server
/// would serve it, with strong ETags (`If-None-Match` → 304), single byte ranges (`Range`,
/// `If-Range` → 206 or 416), `Last-Modified`, `Content-Type` by layout, and `Cache-Control`
/// that keeps immutable blobs and revalidates everything else. Never a folder listing,
/// a hidden file, or a path outside the tree (see `TreePath`, `StaticTree`).
struct ReadEndpoint: Sendable {
    let tree: StaticTree
    /// Checked on every read but `config.json` when the registry's `auth_required` is set.
    let readTokens: AccessTokens?

    /// The response to a GET (`includeBody`) or HEAD of `request`.
    func respond(to request: Request, includeBody: Bool) async throws -> Response {
        let path = try TreePath(rawPath: request.uri.path)
        if let readTokens, path.needsReadToken {
            _ = try readTokens.authenticate(request)
        }
        let file = try await tree.open(path)
        var headers: HTTPFields = [
            .eTag: file.tag.description,
            .lastModified: HTTPDate.format(seconds: file.modifiedSeconds),
            .cacheControl: path.cacheControl,
        ]
        if let condition = request.headers[.ifNoneMatch], file.tag.matches(ifNoneMatch: condition) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.acceptRanges] = "bytes"
        headers[.contentType] = path.contentType
        var range = ByteRange.whole
        if let header = request.headers[.range], request.headers[.ifRange].map(file.tag.matches(ifRange:)) ?? true {
            range = ByteRange(header: header, size: file.size)
        }
        let status: HTTPResponse.Status
        let bytes: ClosedRange<Int>?
        switch range {
        case .unsatisfiable:
            throw ServerError.rangeNotSatisfiable(path.description, size: file.size)
        case let .partial(partial):
            status = .partialContent
            bytes = partial
            headers[.contentRange] = "bytes \(partial.lowerBound)-\(partial.upperBound)/\(file.size)"
        case .whole:
            status = .ok
            bytes = file.size > 0 ? 0...(file.size - 1) : nil
        }
        headers[.contentLength] = String(bytes?.count ?? 0)
        guard includeBody, let bytes else { return Response(status: status, headers: headers, body: ResponseBody()) }
        return Response(status: status, headers: headers, body: tree.body(of: file, range: bytes, path: path))
    }
}
