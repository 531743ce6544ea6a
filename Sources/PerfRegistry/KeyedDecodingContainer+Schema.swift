extension KeyedDecodingContainer {
    /// Decodes the format version at `key` and refuses any but `expected`.
    func checkSchema(_ expected: Int, forKey key: Key) throws {
        let schema = try decode(Int.self, forKey: key)
        guard schema == expected else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self,
                                                   debugDescription: "schema \(schema); this perf reads schema \(expected): upgrade perf")
        }
    }
}
