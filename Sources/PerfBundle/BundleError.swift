import PerfDiagnostics

/// Why packing, reading or extracting a bundle failed: names the archive or folder, the
/// entry, and what to do about it.
public struct BundleError: PerfError, Equatable {
    enum Reason: Equatable {
        // Reading an archive.
        case refusedEntry(source: String, entry: String, why: String)
        case duplicateEntry(source: String, entry: String, why: String)
        case entryTooLarge(source: String, entry: String, bytes: Int, limit: Int)
        case totalTooLarge(source: String, entry: String, limit: Int)
        case tooManyEntries(source: String, limit: Int)
        case sizeMismatch(source: String, entry: String, declared: Int, actual: Int)
        case compressed(source: String, format: String)
        case notTar(source: String, detail: String)
        case damaged(source: String, entry: String?, detail: String)
        case missingEntry(source: String, entry: String)
        // Extracting.
        case destinationExists(path: String)
        case destinationParentMissing(path: String)
        // Packing.
        case folderMissing(path: String)
        case manifestMissing(folder: String)
        case unsupportedFile(path: String, kind: String)
        case badName(path: String, why: String)
        case fileChanged(path: String)
        case outputInsideFolder(output: String, folder: String)
        // Files.
        case io(path: String, detail: String)
    }

    let reason: Reason

    init(_ reason: Reason) { self.reason = reason }

    /// `dataError` for a bad archive or folder, `conflict`, `notFound`, `usage` or `ioError` otherwise.
    public var exitStatus: ExitStatus {
        switch reason {
        case .refusedEntry, .duplicateEntry, .entryTooLarge, .totalTooLarge, .tooManyEntries, .sizeMismatch,
             .compressed, .notTar, .damaged, .missingEntry, .manifestMissing, .unsupportedFile, .badName:
            return .dataError
        case .destinationExists:
            return .conflict
        case .destinationParentMissing, .folderMissing:
            return .notFound
        case .outputInsideFolder:
            return .usage
        case .fileChanged, .io:
            return .ioError
        }
    }

    /// What happened, to which archive, file or entry, and what to do.
    public var description: String {
        let unsafe = "the archive is not a bundle perf can trust; do not use it, and ask its publisher for a fixed bundle"
        switch reason {
        case let .refusedEntry(source, entry, why):
            return "\(source): entry \(shown(entry)) is refused: \(why); \(unsafe)"
        case let .duplicateEntry(source, entry, why):
            return "\(source): entry \(shown(entry)) \(why); \(unsafe)"
        case let .entryTooLarge(source, entry, bytes, limit):
            return "\(source): entry \(shown(entry)) holds \(bytes) bytes, more than the limit of \(limit) bytes "
                + "for this kind of package; \(unsafe)"
        case let .totalTooLarge(source, entry, limit):
            return "\(source): entry \(shown(entry)) takes the archive's files past the limit of \(limit) bytes in all "
                + "for this kind of package; \(unsafe)"
        case let .tooManyEntries(source, limit):
            return "\(source): the archive holds more than \(limit) entries, the limit for this kind of package; \(unsafe)"
        case let .sizeMismatch(source, entry, declared, actual):
            return "\(source): entry \(shown(entry)) declares \(declared) bytes in its header but holds \(actual); \(unsafe)"
        case let .compressed(source, format):
            return "\(source): is \(format), but perf reads only uncompressed tar bundles (the kind `perf pack` "
                + "writes); unpack the files and run `perf pack` on the folder"
        case let .notTar(source, detail):
            return "\(source): is not a tar archive (\(detail)); a perf bundle is an uncompressed tar written by `perf pack`"
        case let .damaged(source, entry, detail):
            let at = entry.map { " at entry \(shown($0))" } ?? ""
            return "\(source): the archive is damaged or truncated\(at) (\(detail)); download or copy it again"
        case let .missingEntry(source, entry):
            return "\(source): the archive has no entry \(shown(entry)), so it is not a perf bundle; pack it with `perf pack`"
        case let .destinationExists(path):
            return "\(path): already exists and perf will not extract over it; remove it or choose another folder"
        case let .destinationParentMissing(path):
            return "\(path): the folder to extract into does not exist; create it first"
        case let .folderMissing(path):
            return "\(path): no such folder to pack; give the folder that holds perf.json"
        case let .manifestMissing(folder):
            return "\(folder): has no perf.json at its top; a bundle needs its manifest (write one, or pack the right folder)"
        case let .unsupportedFile(path, kind):
            return "\(path): is a \(kind); a bundle holds only regular files, so replace it with a copy of the file "
                + "or remove it"
        case let .badName(path, why):
            return "\(path): cannot go into a bundle because its name \(why); rename it"
        case let .fileChanged(path):
            return "\(path): changed size while it was being packed; wait until nothing writes to the folder and pack again"
        case let .outputInsideFolder(output, folder):
            return "\(output): the bundle would be written inside the folder it packs (\(folder)); write it elsewhere"
        case let .io(path, detail):
            return "\(path): \(detail)"
        }
    }
}

/// `name` in quotes, with anything but printable ASCII escaped, so that a hostile entry
/// name cannot send control sequences to the user's terminal.
private func shown(_ name: String) -> String {
    var text = "'"
    for scalar in name.unicodeScalars {
        if scalar.value >= 0x20, scalar.value < 0x7F {
            text.unicodeScalars.append(scalar)
        } else {
            text += "\\u{\(String(scalar.value, radix: 16))}"
        }
    }
    return text + "'"
}
