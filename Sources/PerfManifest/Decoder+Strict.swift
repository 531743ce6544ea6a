extension Decoder {
    /// A keyed container that refuses every key outside `Key.allCases`, so that a typo or a
    /// field from a newer format is an error rather than silently dropped.
    func strictContainer<Key: CodingKey & CaseIterable>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let any: KeyedDecodingContainer<AnyCodingKey>
        do {
            any = try container(keyedBy: AnyCodingKey.self)
        } catch DecodingError.typeMismatch, DecodingError.valueNotFound {
            throw FieldProblem.invalid(expected: "an object").decodingError(at: codingPath)
        }
        let known = Key.allCases.map(\.stringValue)
        if let unknown = any.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw FieldProblem.unknown(known: known).decodingError(at: codingPath + [AnyCodingKey(unknown)])
        }
        return try container(keyedBy: Key.self)
    }

    /// The container of a whole document: checks `schema` first (a newer schema is refused
    /// with advice to upgrade, before any field is judged), then refuses unknown keys.
    func documentContainer<Key: CodingKey & CaseIterable>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try checkSchema()
        return try strictContainer(keyedBy: type)
    }

    /// Reads `schema` and refuses any version other than `SchemaVersion.current`.
    func checkSchema() throws {
        let key = AnyCodingKey("schema")
        let any: KeyedDecodingContainer<AnyCodingKey>
        do {
            any = try container(keyedBy: AnyCodingKey.self)
        } catch DecodingError.typeMismatch, DecodingError.valueNotFound {
            throw FieldProblem.invalid(expected: "a JSON object").decodingError(at: codingPath)
        }
        let expected = "the integer \(SchemaVersion.current)"
        guard any.contains(key) else { throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing")) }
        let number = try any.integer(key, in: Int.min...Int.max, expected: expected)
        if number > SchemaVersion.current {
            throw FieldProblem.newerSchema(found: number, supported: SchemaVersion.current).decodingError(at: codingPath + [key])
        }
        guard number == SchemaVersion.current else {
            throw FieldProblem.invalid(expected: expected).decodingError(at: codingPath + [key])
        }
    }

    /// Decodes a single string; anything else is refused with `expected` at this path.
    func decodeText(expected: String) throws -> String {
        do {
            return try singleValueContainer().decode(String.self)
        } catch DecodingError.typeMismatch, DecodingError.valueNotFound {
            throw FieldProblem.invalid(expected: expected).decodingError(at: codingPath)
        }
    }
}
