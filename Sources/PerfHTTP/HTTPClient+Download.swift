import Foundation

extension HTTPClient {
    /// Where `download` keeps the bytes of `destination` until they are verified.
    public static func partialLocation(for destination: URL) -> URL {
        URL(fileURLWithPath: destination.path + ".partial")
    }

    /// Downloads `url` into `destination` through `destination.partial`: resumes an existing
    /// partial file with `Range: bytes=N-` (starting over when the server ignores the range),
    /// checks the size against `expectedSize`, calls `verify` on the complete partial file, and
    /// only then renames it into place. A rejected file is deleted and never installed; an
    /// interrupted one is kept so that the next call resumes it.
    public func download(_ url: URL, to destination: URL, expectedSize: Int? = nil, headers: [String: String] = [:],
                         verify: (URL) throws -> Void) throws {
        try requireOnline("GET", url)
        let partial = Self.partialLocation(for: destination)
        do {
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw HTTPError.localFile(url, path: destination.deletingLastPathComponent(), error.localizedDescription)
        }
        let outcome: Attempt<Bool>
        do {
            outcome = try withRetries("GET", url, scope: .idempotent) {
                try downloadAttempt(url, into: partial, expectedSize: expectedSize, headers: headers, mayResume: true)
            }
        } catch let error as HTTPError where [.verificationFailed, .dataError].contains(error.exitStatus) {
            // Too many bytes or a range that does not continue the file: nothing in it can be trusted.
            Self.discard(partial)
            throw error
        }
        guard outcome.value else {
            throw HTTPError.status("GET", url, outcome.head.status, attempts: 1, body: outcome.body)
        }
        let size = Self.size(of: partial) ?? 0
        if let expectedSize, size != expectedSize {
            Self.discard(partial)
            throw HTTPError.verification(url, "it is \(size) bytes, expected \(expectedSize)")
        }
        do {
            try verify(partial)
        } catch {
            Self.discard(partial)
            throw HTTPError.verification(url, "\(error)")
        }
        guard rename(partial.path, destination.path) == 0 else {
            throw HTTPError.localFile(url, path: destination, "rename from .partial: " + String(cString: strerror(errno)))
        }
    }

    /// One GET into the partial file; its value is whether the partial file now holds the whole body.
    private func downloadAttempt(_ url: URL, into partial: URL, expectedSize: Int?, headers: [String: String],
                                 mayResume: Bool) throws -> Attempt<Bool> {
        var offset = Self.size(of: partial) ?? 0
        // A file:// read cannot tell a range from a whole body; a partial longer than expected is stale.
        if offset > 0, !mayResume || url.isFileURL || expectedSize.map({ offset > $0 }) == true {
            Self.discard(partial)
            offset = 0
        }
        var headers = headers
        if offset > 0 { headers["Range"] = "bytes=\(offset)-" }
        let writer = PartialDownload(url: url, file: partial, resumeOffset: offset, expectedSize: expectedSize)
        defer { writer.close() }
        let head = try perform(CurlRequest(url: url, headers: headers), sink: writer.receive)
        try writer.finish(head)
        if head.status == 416, offset > 0 {
            // Nothing left to send: either the partial file is already whole, or it is not ours.
            if ContentRange(head.headers["Content-Range"])?.total == offset {
                return Attempt(head: head, body: Data(), value: true)
            }
            return try downloadAttempt(url, into: partial, expectedSize: expectedSize, headers: headers.filter { $0.key != "Range" },
                                       mayResume: false)
        }
        return Attempt(head: head, body: writer.errorBody, value: (200..<300).contains(head.status))
    }

    private static func size(of file: URL) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int
    }

    private static func discard(_ file: URL) {
        try? FileManager.default.removeItem(at: file)
    }
}
