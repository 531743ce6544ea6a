import Foundation
import Hummingbird
import NIOPosix

/// Collects a request body under a size cap. The first MiB stays in memory; past that the
/// body is streamed to an anonymous temporary file (created and unlinked at once, so a
/// server killed mid-upload leaves no file behind) and read back when complete.
/// The cap is checked before reading (a `Content-Length` over it) and on every chunk (a
/// body without `Content-Length`, or one that lies).
struct UploadSpool {
    /// Bodies up to this size never touch the disk.
    static let memoryLimit = 1 << 20

    /// The whole body of `request`, or `tooLarge` past `limit` bytes.
    static func collect(_ request: Request, limit: Int, threadPool: NIOThreadPool) async throws -> Data {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw ServerError.tooLarge(limit: limit, declared: declared)
        }
        var pending = ByteBuffer()
        var file: SpoolFile?
        var total = 0
        for try await chunk in request.body {
            total += chunk.readableBytes
            guard total <= limit else { throw ServerError.tooLarge(limit: limit, declared: nil) }
            var chunk = chunk
            pending.writeBuffer(&chunk)
            if pending.readableBytes >= memoryLimit {
                let spool = try file ?? SpoolFile()
                file = spool
                let bytes = pending
                try await threadPool.runIfActive { try spool.append(bytes) }
                pending.clear()
            }
        }
        guard let file else { return Data(pending.readableBytesView) }
        let rest = pending
        return try await threadPool.runIfActive {
            try file.append(rest)
            return try file.contents()
        }
    }
}
