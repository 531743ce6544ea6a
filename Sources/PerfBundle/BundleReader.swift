import Foundation

/// Reads a bundle archive entry by entry and refuses, with a `BundleError`, anything a
/// bundle may not hold; the regular files it accepts go to an `EntrySink`.
///
/// Refused: compressed or non-tar input; names that are absolute, climb out with `..`, have
/// `.` or empty components, backslashes, control or non-ASCII bytes (see `BundlePath`);
/// symbolic and hard links, devices, FIFOs, sockets, sparse files; two entries with the same
/// name (after dropping a leading `./`, and with ASCII case folded) or a file where a folder
/// is; an entry larger than the limit (by its header, and by the bytes it really holds),
/// files larger than the limit together, more entries than the limit; a header whose size
/// disagrees with its data; an archive cut short, even at an entry boundary (it must end
/// with the two zero blocks of the tar format). Folder entries are accepted and ignored.
struct BundleReader {
    /// The archive's bytes.
    let archive: Data
    /// What to call the archive in messages (its file name or URL).
    let source: String
    /// The bounds to enforce.
    let limits: BundleLimits

    /// Reads the whole archive, validating every entry, and feeds its files to `sink`.
    func read<Sink: EntrySink>(into sink: inout Sink) throws {
        if let format = ArchiveMagic.foreignFormat(of: archive) {
            throw BundleError(.compressed(source: source, format: format))
        }
        try archive.withUnsafeBytes { bytes in
            let reader = try LibArchive.Reader(bytes, source: source)
            var namespace = BundleNamespace()
            var entries = 0, total = 0, endOfEntries = 0
            while let header = try reader.next() {
                entries += 1
                guard entries <= limits.maxEntries else {
                    throw BundleError(.tooManyEntries(source: source, limit: limits.maxEntries))
                }
                try checkName(header)
                switch header.kind {
                case .directory:
                    try claimFolder(header.name, in: &namespace)
                    try reader.readData(entry: header.name) { _ in }
                case .file:
                    let path = try claimFile(header, in: &namespace)
                    let size = try checkedSize(of: header, path: path, remaining: bytes.count - reader.position,
                                               total: &total)
                    var actual = 0
                    try sink.begin(path: path, size: size)
                    try reader.readData(entry: path) { chunk in
                        actual += chunk.count
                        guard actual <= size else {
                            throw BundleError(.sizeMismatch(source: source, entry: path, declared: size, actual: actual))
                        }
                        try sink.append(chunk)
                    }
                    guard actual == size else {
                        throw BundleError(.sizeMismatch(source: source, entry: path, declared: size, actual: actual))
                    }
                    try sink.end()
                default:
                    throw BundleError(.refusedEntry(source: source, entry: header.name, why: Self.describe(header.kind)))
                }
                endOfEntries = reader.position
            }
            try checkEndMarker(in: bytes, at: endOfEntries)
        }
    }

    /// Refuses a bad name first (the clearest reason), then any header libarchive warned about.
    private func checkName(_ header: LibArchive.Header) throws {
        let isDirectory = header.kind == .directory
        if let path = BundlePath.normalized(archiveName: header.name, isDirectory: isDirectory),
           let why = BundlePath.problem(path) {
            throw BundleError(.refusedEntry(source: source, entry: header.name, why: "its name \(why)"))
        }
        if let warning = header.warning {
            throw BundleError(.damaged(source: source, entry: header.name, detail: warning))
        }
    }

    private func claimFolder(_ name: String, in namespace: inout BundleNamespace) throws {
        guard let path = BundlePath.normalized(archiveName: name, isDirectory: true) else { return }
        if let why = namespace.claimFolder(path) {
            throw BundleError(.duplicateEntry(source: source, entry: path, why: why))
        }
    }

    private func claimFile(_ header: LibArchive.Header, in namespace: inout BundleNamespace) throws -> String {
        if header.isSparse {
            throw BundleError(.refusedEntry(source: source, entry: header.name, why: "it is a sparse file"))
        }
        let path = BundlePath.normalized(archiveName: header.name, isDirectory: false) ?? header.name
        if let why = namespace.claimFile(path) {
            throw BundleError(.duplicateEntry(source: source, entry: path, why: why))
        }
        return path
    }

    /// The entry's declared size, once it is known to fit the limits and the archive.
    private func checkedSize(of header: LibArchive.Header, path: String, remaining: Int, total: inout Int) throws -> Int {
        guard let size = header.declaredSize, size >= 0 else {
            throw BundleError(.refusedEntry(source: source, entry: path, why: "its header declares no size"))
        }
        guard size <= limits.maxEntryBytes else {
            throw BundleError(.entryTooLarge(source: source, entry: path, bytes: size, limit: limits.maxEntryBytes))
        }
        guard size <= limits.maxTotalBytes - total else {
            throw BundleError(.totalTooLarge(source: source, entry: path, limit: limits.maxTotalBytes))
        }
        guard size <= remaining else {
            throw BundleError(.damaged(source: source, entry: path,
                                       detail: "its header declares \(size) bytes but only \(remaining) bytes follow"))
        }
        total += size
        return size
    }

    /// A tar archive ends with two zero blocks; without them it was cut short, perhaps
    /// exactly between two entries, which libarchive alone would not notice.
    private func checkEndMarker(in bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        let marker = 2 * 512
        guard offset + marker <= bytes.count,
              bytes[offset ..< offset + marker].allSatisfy({ $0 == 0 }) else {
            throw BundleError(.damaged(source: source, entry: nil,
                                       detail: "it ends without the tar end-of-archive marker, so it was cut short"))
        }
    }

    private static func describe(_ kind: LibArchive.Kind) -> String {
        switch kind {
        case .symlink: return "it is a symbolic link"
        case .hardlink: return "it is a hard link"
        case .characterDevice: return "it is a character device"
        case .blockDevice: return "it is a block device"
        case .fifo: return "it is a FIFO (named pipe)"
        case .socket: return "it is a socket"
        case .file, .directory: return "it is a regular file or folder"
        case let .other(mode): return "it has the unknown file type 0o\(String(mode, radix: 8))"
        }
    }
}
