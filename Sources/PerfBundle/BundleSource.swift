import Foundation

/// The files of a folder that go into a bundle, in bundle order.
///
/// Everything below the folder is taken except the names in `ignoredNames`, wherever they
/// appear. Symbolic links, devices, FIFOs and sockets are refused, naming the path, never
/// skipped; so is a name a reader would refuse (`BundlePath`, `BundleNamespace`). Empty
/// folders are not recorded: a bundle holds files, not folders. `perf.json` must be at the top.
struct BundleSource {
    /// Names never packed: version-control metadata and Finder's litter.
    static let ignoredNames: Set<String> = [".git", ".DS_Store"]
    /// The manifest every bundle holds at its top.
    static let manifest = "perf.json"

    /// One file to pack.
    struct File {
        /// Its path inside the bundle.
        let path: String
        /// Where it is on disk.
        let url: URL
    }

    /// The folder packed.
    let folder: URL
    /// Its files, sorted by the paths' UTF-8 bytes.
    let files: [File]

    /// Lists the files of `folder`, refusing what a bundle cannot hold.
    init(folder: URL) throws {
        self.folder = folder.standardizedFileURL.resolvingSymlinksInPath()
        guard try FileDescriptor.kind(at: self.folder) == .directory else {
            throw BundleError(.folderMissing(path: folder.path))
        }
        var found: [File] = []
        try Self.collect(self.folder, prefix: "", into: &found)
        found.sort { BundlePath.precedes($0.path, $1.path) }
        var namespace = BundleNamespace()
        for file in found {
            if let why = BundlePath.problem(file.path) ?? namespace.claimFile(file.path) {
                throw BundleError(.badName(path: file.url.path, why: why))
            }
        }
        guard found.contains(where: { $0.path == Self.manifest }) else {
            throw BundleError(.manifestMissing(folder: self.folder.path))
        }
        files = found
    }

    private static func collect(_ directory: URL, prefix: String, into files: inout [File]) throws {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw BundleError(.io(path: directory.path, detail: "cannot be listed (\(error.localizedDescription))"))
        }
        for name in names where !ignoredNames.contains(name) {
            let url = directory.appendingPathComponent(name)
            let path = prefix + name
            switch try FileDescriptor.kind(at: url) {
            case .file: files.append(File(path: path, url: url))
            case .directory: try collect(url, prefix: path + "/", into: &files)
            case nil: throw BundleError(.io(path: url.path, detail: "disappeared while the folder was being packed"))
            case let kind?: throw BundleError(.unsupportedFile(path: url.path, kind: describe(kind)))
            }
        }
    }

    private static func describe(_ kind: FileDescriptor.Kind) -> String {
        switch kind {
        case .symlink: return "symbolic link"
        case .fifo: return "FIFO (named pipe)"
        case .socket: return "socket"
        case .characterDevice: return "character device"
        case .blockDevice: return "block device"
        case .file, .directory, .other: return "special file"
        }
    }
}
