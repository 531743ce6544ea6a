/// The format version every perf document carries in its `schema` field. A document in a
/// newer schema is refused with advice to upgrade perf; perf never guesses at fields it
/// does not know.
public enum SchemaVersion {
    /// The schema this perf writes and the newest it reads, for every format.
    public static let current = 1

    /// The first perf release that reads each schema.
    static let firstReader: [Int: String] = [1: "0.1.0"]

    /// Which perf releases read `schema`, in words.
    static func readers(of schema: Int) -> String {
        firstReader[schema].map { "perf \($0) and later read schema \(schema)" } ?? "no perf release reads schema \(schema)"
    }
}
