extension KeyedEncodingContainer {
    /// Writes a name → requirement map as a JSON object keyed by `scope/name`.
    mutating func encode(requirements: [PackageName: String], forKey key: Key) throws {
        try encode(Dictionary(uniqueKeysWithValues: requirements.map { ($0.key.description, $0.value) }), forKey: key)
    }

    /// Writes `value`, or `null` when it is nil (for keys that are always present).
    mutating func encodeNullable<Value: Encodable>(_ value: Value?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}
