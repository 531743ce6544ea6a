import Foundation

/// The `.partial` file one download attempt writes: continued after a 206 that starts where it
/// ends, started over after a 200 (a server that ignored the Range). Error bodies never reach it.
final class PartialDownload {
    private let url: URL
    private let file: URL
    private let resumeOffset: Int
    private let expectedSize: Int?
    private var handle: FileHandle?
    /// Bytes in the file so far, once it is open.
    private var size = 0
    /// The start of an error response's body, for the message.
    private(set) var errorBody = Data()

    /// An attempt to fill `file` from `url`, which already holds `resumeOffset` bytes.
    init(url: URL, file: URL, resumeOffset: Int, expectedSize: Int?) {
        self.url = url
        self.file = file
        self.resumeOffset = resumeOffset
        self.expectedSize = expectedSize
    }

    deinit { close() }

    /// Writes `bytes` of a 2xx body to the file; keeps the first bytes of any other body aside.
    func receive(_ head: CurlResponseHead, _ bytes: UnsafeRawBufferPointer) throws {
        guard (200..<300).contains(head.status) else {
            errorBody.append(contentsOf: bytes.prefix(max(0, 4096 - errorBody.count)))
            return
        }
        if handle == nil { try open(for: head) }
        if let expectedSize, size + bytes.count > expectedSize {
            throw HTTPError.verification(url, "the server sent more than the expected \(expectedSize) bytes")
        }
        do {
            try handle?.write(contentsOf: bytes)
        } catch {
            throw HTTPError.localFile(url, path: file, error.localizedDescription)
        }
        size += bytes.count
    }

    /// Ends the attempt: an empty 2xx body still leaves an (empty) file behind.
    func finish(_ head: CurlResponseHead) throws {
        if handle == nil, (200..<300).contains(head.status) { try open(for: head) }
        close()
    }

    /// Closes the file; what was written stays for the next attempt to resume.
    func close() {
        try? handle?.close()
        handle = nil
    }

    private func open(for head: CurlResponseHead) throws {
        do {
            if head.status == 206 {
                let range = ContentRange(head.headers["Content-Range"])
                guard let first = range?.first, first == resumeOffset else {
                    throw HTTPError.badResponse(url, "asked for bytes \(resumeOffset)- and got Content-Range "
                                                + (head.headers["Content-Range"] ?? "(none)"))
                }
            }
            if head.status == 206, resumeOffset > 0 {
                let handle = try FileHandle(forWritingTo: file)
                try handle.truncate(atOffset: UInt64(resumeOffset))
                try handle.seekToEnd()
                self.handle = handle
                size = resumeOffset
            } else {
                guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                    throw HTTPError.localFile(url, path: file, "cannot create the file")
                }
                handle = try FileHandle(forWritingTo: file)
                size = 0
            }
        } catch let error as HTTPError {
            throw error
        } catch {
            throw HTTPError.localFile(url, path: file, error.localizedDescription)
        }
    }
}
