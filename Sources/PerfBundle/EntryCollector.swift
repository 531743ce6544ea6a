import Foundation

/// Keeps in memory the files a predicate selects; with none selected, a read through it
/// only validates.
struct EntryCollector: EntrySink {
    private let keeps: (String) -> Bool
    private var current: (path: String, contents: Data)?
    /// The files kept so far, in archive order.
    private(set) var entries: [BundleEntry] = []

    /// A collector keeping the files whose path `keeps` accepts.
    init(keeping keeps: @escaping (String) -> Bool) { self.keeps = keeps }

    /// A collector keeping nothing: reading through it only validates the archive.
    static var validating: EntryCollector { EntryCollector { _ in false } }

    mutating func begin(path: String, size: Int) throws {
        guard keeps(path) else { current = nil; return }
        var contents = Data()
        contents.reserveCapacity(size)
        current = (path, contents)
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        current?.contents.append(contentsOf: bytes)
    }

    mutating func end() throws {
        if let current { entries.append(BundleEntry(path: current.path, contents: current.contents)) }
        current = nil
    }
}
