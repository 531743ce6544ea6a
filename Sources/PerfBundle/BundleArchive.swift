import Foundation

/// Concept and base bundles (DESIGN §3): the deterministic archive `perf pack` writes, and
/// the safe reading and extraction of archives from anywhere.
///
/// The format, chosen so that the same content gives the same SHA-256 on any machine:
/// - An **uncompressed** POSIX tar in libarchive's pax-restricted format: plain ustar
///   headers, with a pax extended header only when an entry needs one (a name longer than
///   ustar's fields hold, a file over 8 GiB). Compression is left out because compressors'
///   output is not guaranteed identical across zlib builds and versions, and float weights
///   barely compress.
/// - Regular files only: no folder entries, no links. Entries are sorted by their paths'
///   UTF-8 bytes. Every entry has mtime 315532800 (1980-01-01T00:00:00Z), uid and gid 0,
///   empty user and group names, and mode 0644 whatever the source file's mode (a bundle
///   carries data, never programs); no atime, ctime, extended attributes or ACLs.
/// - The archive ends with the tar format's two zero blocks and is not padded to a 10 KiB
///   record, so a small concept stays small.
/// - Paths are relative, `/`-separated printable ASCII, so the bytes never depend on a
///   locale; `perf pack` refuses any name a reader would refuse (`BundlePath`), and two
///   names that differ only in ASCII case (they would collide on macOS).
/// - Packing takes every file below the folder except `.git` and `.DS_Store`; it refuses
///   (naming the path) symbolic links, devices, FIFOs and sockets rather than skip them, and
///   requires `perf.json` at the top. Empty folders are not recorded.
///
/// Reading accepts only uncompressed tar (ustar, pax, GNU; no zip, cpio or compressed
/// tar: bundles perf writes are never compressed, and no decompressor ever runs on
/// untrusted input). Every entry is validated before anything is returned or written; the
/// rules are listed on `BundleReader`. Folder entries that other tools write are accepted
/// and ignored, and so is a leading `./` on names. The caller picks the `BundleLimits`
/// for the package's kind and decodes `perf.json` itself: this module never reads a manifest.
public enum BundleArchive {
    /// The deterministic tar of the bundle folder `directory`, in memory.
    public static func pack(directory: URL) throws -> Data {
        let source = try BundleSource(folder: directory)
        var archive = Data()
        try write(source) { archive.append(contentsOf: $0) }
        return archive
    }

    /// Writes the deterministic tar of `directory` to `output` atomically (a temporary file
    /// beside it, then a rename over any older file) and returns its digest and size.
    public static func pack(directory: URL, to output: URL) throws -> PackedBundle {
        let source = try BundleSource(folder: directory)
        return try write(source, to: output)
    }

    /// Every regular file of `archive`, validated, in memory, sorted by path.
    /// `source` names the archive in errors.
    public static func entries(of archive: Data, source: String, limits: BundleLimits) throws -> [BundleEntry] {
        var collector = EntryCollector { _ in true }
        try BundleReader(archive: archive, source: source, limits: limits).read(into: &collector)
        return collector.entries.sorted { BundlePath.precedes($0.path, $1.path) }
    }

    /// The contents of the file at `path` (e.g. `perf.json`) in `archive`, after validating
    /// the whole archive.
    public static func file(_ path: String, in archive: Data, source: String, limits: BundleLimits) throws -> Data {
        var collector = EntryCollector { $0 == path }
        try BundleReader(archive: archive, source: source, limits: limits).read(into: &collector)
        guard let entry = collector.entries.first else {
            throw BundleError(.missingEntry(source: source, entry: path))
        }
        return entry.contents
    }

    /// Extracts `archive` into the new folder `destination`, whose parent must exist and
    /// which must not. Every entry is validated before anything is written; the files are
    /// written into a temporary folder beside `destination` and renamed into place, so on
    /// any error nothing is left behind. Files get mode 0644 less the umask.
    public static func extract(_ archive: Data, source: String, to destination: URL, limits: BundleLimits) throws {
        let reader = BundleReader(archive: archive, source: source, limits: limits)
        var validation = EntryCollector.validating
        try reader.read(into: &validation)
        try extract(reader, to: destination.standardizedFileURL)
    }

    /// A fresh hidden name beside `url` for writing before the rename into place.
    static func temporarySibling(of url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString)")
    }
}
