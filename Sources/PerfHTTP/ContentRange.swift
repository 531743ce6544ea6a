/// A parsed `Content-Range` header: `bytes FIRST-LAST/TOTAL` or `bytes */TOTAL` (RFC 9110 §14.4).
struct ContentRange: Equatable, Sendable {
    /// The first byte sent, or nil for an unsatisfied range (`*/TOTAL`).
    let first: Int?
    /// The last byte sent, inclusive.
    let last: Int?
    /// The length of the whole representation, or nil when the server does not know it (`/*`).
    let total: Int?

    /// Parses `value`; nil when it is not a byte range.
    init?(_ value: String?) {
        guard let value, value.hasPrefix("bytes ") else { return nil }
        let spec = value.dropFirst("bytes ".count).split(separator: "/", omittingEmptySubsequences: false)
        guard spec.count == 2 else { return nil }
        if spec[1] == "*" { total = nil } else if let total = Int(spec[1]), total >= 0 { self.total = total } else { return nil }
        if spec[0] == "*" {
            first = nil
            last = nil
            return
        }
        let bounds = spec[0].split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count == 2, let first = Int(bounds[0]), let last = Int(bounds[1]), first >= 0, first <= last else { return nil }
        self.first = first
        self.last = last
    }
}
