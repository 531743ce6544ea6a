import CArchive
import PerfDiagnostics

/// The one place perf talks to libarchive: a tar reader over bytes in memory and a
/// deterministic tar writer. Return codes become Swift errors on the spot; no C pointer
/// leaves this file; handles are freed in `deinit`.
enum LibArchive {
    /// What kind of thing a tar header describes.
    enum Kind: Equatable {
        case file, directory, symlink, hardlink, characterDevice, blockDevice, fifo, socket
        case other(UInt32)
    }

    /// One tar header as read.
    struct Header {
        /// The entry's name exactly as stored (pax `path` or GNU long name when present).
        let name: String
        let kind: Kind
        /// The size the header declares for the entry's data, if it declares one.
        let declaredSize: Int?
        /// Whether the entry is a sparse file (GNU or pax sparse formats).
        let isSparse: Bool
        /// What libarchive warned about while reading the header (a name it could not
        /// convert, a malformed pax record), if anything.
        let warning: String?
    }

    /// Reads an uncompressed tar archive (ustar, pax, GNU, v7) from memory the caller keeps alive.
    final class Reader {
        private let handle: OpaquePointer
        private let source: String
        private var headersRead = 0
        private var buffer = [UInt8](repeating: 0, count: 64 << 10)

        /// Opens `bytes`, which must outlive the reader; names errors after `source`.
        init(_ bytes: UnsafeRawBufferPointer, source: String) throws {
            guard let handle = archive_read_new() else { throw InternalError("archive_read_new failed (out of memory)") }
            self.handle = handle
            self.source = source
            // Only tar: zip, cpio, iso9660 and the rest are refused, and no decompression
            // filter is enabled, so no external program can ever be started.
            guard archive_read_support_format_tar(handle) == ARCHIVE_OK,
                  archive_read_open_memory(handle, bytes.baseAddress, bytes.count) == ARCHIVE_OK else {
                throw BundleError(.notTar(source: source, detail: message))
            }
        }

        deinit { archive_read_free(handle) }

        /// The next entry's header, or nil after the last one.
        func next() throws -> Header? {
            var entry: OpaquePointer?
            let status = archive_read_next_header(handle, &entry)
            if status == ARCHIVE_EOF { return nil }
            guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else {
                if headersRead == 0 { throw BundleError(.notTar(source: source, detail: message)) }
                throw BundleError(.damaged(source: source, entry: nil, detail: message))
            }
            headersRead += 1
            // The UTF-8 form first: a pax name that the locale cannot represent is still shown.
            let name = (archive_entry_pathname_utf8(entry) ?? archive_entry_pathname(entry)).map { String(cString: $0) } ?? ""
            let size = archive_entry_size_is_set(entry) != 0 ? Int(archive_entry_size(entry)) : nil
            return Header(name: name, kind: Self.kind(of: entry), declaredSize: size,
                          isSparse: archive_entry_sparse_count(entry) > 0,
                          warning: status == ARCHIVE_WARN ? message : nil)
        }

        /// Feeds the current entry's data to `body` in chunks, to its end.
        func readData(entry: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
            while true {
                let count = buffer.withUnsafeMutableBytes { archive_read_data(handle, $0.baseAddress, $0.count) }
                if count == 0 { return }
                guard count > 0 else { throw BundleError(.damaged(source: source, entry: entry, detail: message)) }
                try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
            }
        }

        /// How many bytes of the archive the reader has consumed so far.
        var position: Int { Int(archive_filter_bytes(handle, 0)) }

        private var message: String {
            archive_error_string(handle).map { String(cString: $0) } ?? "libarchive gave no reason"
        }

        private static func kind(of entry: OpaquePointer) -> Kind {
            if archive_entry_hardlink(entry) != nil { return .hardlink }
            switch UInt32(archive_entry_filetype(entry)) & PERF_AE_IFMT {
            case PERF_AE_IFREG: return .file
            case PERF_AE_IFDIR: return .directory
            case PERF_AE_IFLNK: return .symlink
            case PERF_AE_IFCHR: return .characterDevice
            case PERF_AE_IFBLK: return .blockDevice
            case PERF_AE_IFIFO: return .fifo
            case PERF_AE_IFSOCK: return .socket
            case let other: return .other(other)
            }
        }
    }

    /// Writes the deterministic tar of DESIGN §3 to a byte sink: pax-restricted format (plain
    /// ustar unless a name needs more), regular files only, fixed metadata, no record padding.
    final class Writer {
        /// Where libarchive's output goes, boxed for the C callback.
        private final class Output {
            let write: (UnsafeRawBufferPointer) throws -> Void
            var failure: (any Error)?
            init(_ write: @escaping (UnsafeRawBufferPointer) throws -> Void) { self.write = write }
        }

        /// The modification time of every entry: 1980-01-01T00:00:00Z, the earliest a zip
        /// or FAT time can say, as reproducible-builds tools use.
        static let mtime = 315_532_800
        /// The permissions of every entry: a bundle carries data, never programs.
        static let permissions = 0o644

        private let handle: OpaquePointer
        private let output: Output
        private var finished = false

        /// A writer handing every output block to `write`.
        init(_ write: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
            guard let handle = archive_write_new() else { throw InternalError("archive_write_new failed (out of memory)") }
            self.handle = handle
            self.output = Output(write)
            try check(archive_write_set_format_pax_restricted(handle), "set the tar format")
            try check(archive_write_add_filter_none(handle), "choose no compression")
            try check(archive_write_set_bytes_per_block(handle, 10240), "set the block size")
            // No padding of the last record to 10 KiB: the archive ends with its two zero blocks.
            try check(archive_write_set_bytes_in_last_block(handle, 1), "turn off record padding")
            let callback: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, UnsafeRawPointer?, Int) -> Int = {
                _, context, bytes, count in
                let output = Unmanaged<Output>.fromOpaque(context!).takeUnretainedValue()
                do {
                    try output.write(UnsafeRawBufferPointer(start: bytes, count: count))
                    return count
                } catch {
                    output.failure = error
                    return -1
                }
            }
            try check(archive_write_open(handle, Unmanaged.passUnretained(output).toOpaque(), nil, callback, nil),
                      "open the output")
        }

        deinit {
            // An unfinished archive must not get a trailer that would make it look whole.
            if !finished { archive_write_fail(handle) }
            archive_write_free(handle)
        }

        /// Adds a regular file of `size` bytes at `path`; `fill` writes exactly its bytes.
        func addFile(path: String, size: Int,
                     fill: (_ write: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
            guard let entry = archive_entry_new() else { throw InternalError("archive_entry_new failed (out of memory)") }
            defer { archive_entry_free(entry) }
            archive_entry_set_pathname(entry, path)
            archive_entry_set_filetype(entry, PERF_AE_IFREG)
            archive_entry_set_perm(entry, mode_t(Self.permissions))
            archive_entry_set_size(entry, la_int64_t(size))
            archive_entry_set_mtime(entry, time_t(Self.mtime), 0)
            archive_entry_set_uid(entry, 0)
            archive_entry_set_gid(entry, 0)
            try check(archive_write_header(handle, entry), "write the header of \(path)")
            try fill { chunk in
                var rest = chunk
                while !rest.isEmpty {
                    let written = archive_write_data(handle, rest.baseAddress, rest.count)
                    if written <= 0 { try check(ARCHIVE_FATAL, "write the data of \(path)") }
                    rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(written))
                }
            }
            try check(archive_write_finish_entry(handle), "finish \(path)")
        }

        /// Writes the end-of-archive blocks and flushes everything to the sink.
        func finish() throws {
            try check(archive_write_close(handle), "close the archive")
            finished = true
        }

        private func check(_ status: Int32, _ action: String) throws {
            guard status != ARCHIVE_OK else { return }
            if let failure = output.failure { throw failure }
            let reason = archive_error_string(handle).map { String(cString: $0) } ?? "no reason given"
            throw InternalError("libarchive could not \(action): \(reason)")
        }
    }
}
