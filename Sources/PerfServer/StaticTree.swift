#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Hummingbird
import NIOPosix

/// The registry folder as a tree of static files: resolves a `TreePath` to a regular file
/// inside it and reads it on a thread pool, never on the server's event loops.
///
/// A path is resolved with `realpath`, so a symbolic link is followed only where it ends
/// inside the tree and not in a hidden file; one that leaves the tree, and anything that is
/// not a regular file (a folder, a FIFO, a device), is `notFound`.
struct StaticTree: Sendable {
    /// The registry's folder with every link resolved.
    let realRoot: String
    /// Where blocking file calls run.
    let threadPool: NIOThreadPool

    /// Ranged reads of large files go in chunks of this size.
    static let chunkLength = 256 * 1024

    /// The tree rooted at `root`, which must be a folder.
    init(root: URL, threadPool: NIOThreadPool = .singleton) throws(ServerError) {
        guard let resolved = realpath(root.path, nil) else {
            throw .startup("the registry folder \(root.path) cannot be opened: \(String(cString: strerror(errno)))")
        }
        realRoot = String(cString: resolved)
        free(resolved)
        self.threadPool = threadPool
    }

    /// Opens the file `path` names.
    func open(_ path: TreePath) async throws -> TreeFile {
        try await threadPool.runIfActive { [realRoot] () throws(ServerError) -> TreeFile in
            let real = try Self.resolve(path, realRoot: realRoot)
            return try TreeFile(realPath: real, shownAs: path.description)
        }
    }

    /// The bytes of `range` of `file` as a response body, streamed in chunks when not already in memory.
    func body(of file: TreeFile, range: ClosedRange<Int>, path: TreePath) -> ResponseBody {
        if file.contents != nil {
            // Small files were read whole at open: no more file calls.
            let slice = (try? file.read(offset: range.lowerBound, length: range.count, path: path.description)) ?? ByteBuffer()
            return ResponseBody(byteBuffer: slice)
        }
        let threadPool = threadPool
        return ResponseBody(contentLength: range.count) { writer in
            var offset = range.lowerBound
            while offset <= range.upperBound {
                let length = min(Self.chunkLength, range.upperBound - offset + 1)
                let chunk = try await threadPool.runIfActive { [offset] () throws(ServerError) -> ByteBuffer in
                    try file.read(offset: offset, length: length, path: path.description)
                }
                guard chunk.readableBytes > 0 else {
                    throw ServerError.io(path.description, "read", "the file shrank while it was being sent")
                }
                try await writer.write(chunk)
                offset += chunk.readableBytes
            }
            try await writer.finish(nil)
        }
    }

    /// The real path of `path` inside the tree (blocking).
    private static func resolve(_ path: TreePath, realRoot: String) throws(ServerError) -> String {
        let candidate = realRoot == "/" ? "/" + path.relative : realRoot + "/" + path.relative
        guard let resolved = realpath(candidate, nil) else { throw .notFound(path.description) }
        let real = String(cString: resolved)
        free(resolved)
        let prefix = realRoot == "/" ? "/" : realRoot + "/"
        guard real.hasPrefix(prefix) else { throw .notFound(path.description) }
        // A link inside the tree must not lead to a hidden file either.
        let parts = real.dropFirst(prefix.count).split(separator: "/").map(String.init)
        if parts.contains(where: { $0.hasPrefix(".") }) || TreePath.hiddenFiles.contains(parts.joined(separator: "/")) {
            throw .notFound(path.description)
        }
        return real
    }
}
