import Foundation

/// Field readers that judge values as they read them, so that every refusal names the
/// field's path and what a valid value looks like. They are perf's side of the rules the
/// JSON Schemas in `Schemas/` state; tests hold the two sides to the same cases.
extension KeyedDecodingContainer {
    /// The largest integer perf's formats allow: 2^53 − 1, which every JSON reader keeps exact.
    static var maximumInteger: Int { 9_007_199_254_740_991 }

    /// A string that `rule` accepts.
    func text(_ key: Key, _ rule: TextRule) throws -> String {
        let text = try typed(String.self, key, expected: rule.expected)
        guard rule.accepts(text) else { throw refusal(key, expected: rule.expected) }
        return text
    }

    /// A JSON number that `accepts` approves; `expected` describes the approved range.
    func number(_ key: Key, expected: String, where accepts: (Double) -> Bool) throws -> Double {
        let number = try typed(Double.self, key, expected: expected)
        guard accepts(number) else { throw refusal(key, expected: expected) }
        return number
    }

    /// An integral JSON number within `range` (`1.0` counts, as in JSON Schema).
    func integer(_ key: Key, in range: ClosedRange<Int>, expected: String? = nil) throws -> Int {
        let expected = expected ?? "an integer from \(range.lowerBound) to \(range.upperBound)"
        let number = try typed(Double.self, key, expected: expected)
        guard let integer = Int(exactly: number), range.contains(integer) else { throw refusal(key, expected: expected) }
        return integer
    }

    /// `true` or `false`.
    func flag(_ key: Key) throws -> Bool {
        try typed(Bool.self, key, expected: "true or false")
    }

    /// A bare SHA-256, 64 lowercase hex digits (fields named `sha256`).
    func hexDigest(_ key: Key) throws -> Digest {
        let text = try typed(String.self, key, expected: Digest.hexExpectation)
        guard let digest = try? Digest(sha256Hex: text) else { throw refusal(key, expected: Digest.hexExpectation) }
        return digest
    }

    /// A list of strings, each accepted by `rule`, at least `minimumCount` long; `expected`
    /// describes the list.
    func texts(_ key: Key, each rule: TextRule, expected: String, minimumCount: Int = 0) throws -> [String] {
        let texts = try list(key, minimumCount: minimumCount, expected: expected, as: String.self)
        for (index, text) in texts.enumerated() where !rule.accepts(text) {
            throw FieldProblem.invalid(expected: rule.expected)
                .decodingError(at: codingPath + [key, AnyCodingKey(index: index)])
        }
        return texts
    }

    /// A list of decodable elements, at least `minimumCount` long.
    func list<Element: Decodable>(_ key: Key, minimumCount: Int = 0, expected: String,
                                  as type: Element.Type = Element.self) throws -> [Element] {
        let elements = try typed([Element].self, key, expected: expected, elementMismatchIsOurs: false)
        guard elements.count >= minimumCount else {
            throw refusal(key, expected: "\(expected) with at least \(minimumCount) element\(minimumCount == 1 ? "" : "s")")
        }
        return elements
    }

    /// A map from package names to version requirements (`dependencies`, `concepts`).
    func requirements(_ key: Key) throws -> [PackageName: String] {
        let expected = "an object mapping package names to version requirements"
        let raw = try typed([String: String].self, key, expected: expected, elementMismatchIsOurs: false)
        var requirements: [PackageName: String] = [:]
        for (name, requirement) in raw.sorted(by: { $0.key < $1.key }) {
            let path = codingPath + [key, AnyCodingKey(name)]
            guard let package = PackageName(name) else {
                throw FieldProblem.invalid(expected: "the key to be " + PackageName.expectation, got: JSONValue.string(name).rendered)
                    .decodingError(at: path)
            }
            guard TextRule.requirement.accepts(requirement) else {
                throw FieldProblem.invalid(expected: TextRule.requirement.expected).decodingError(at: path)
            }
            requirements[package] = requirement
        }
        return requirements
    }

    /// A nested object of `type`.
    func object<Value: Decodable>(_ key: Key, _ type: Value.Type) throws -> Value {
        try typed(type, key, expected: "an object", elementMismatchIsOurs: false)
    }

    /// One of the string cases of `type`.
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: Key, _ type: Choice.Type) throws -> Choice
        where Choice.RawValue == String {
        let expected = "one of " + Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        let text = try typed(String.self, key, expected: expected)
        guard let choice = Choice(rawValue: text) else { throw refusal(key, expected: expected) }
        return choice
    }

    /// Checks that `kind` is `expected`.
    func kind(_ key: Key, is expected: PackageKind) throws {
        let text = try typed(String.self, key, expected: "\"\(expected.rawValue)\"")
        guard text == expected.rawValue else { throw refusal(key, expected: "\"\(expected.rawValue)\"") }
    }

    /// The value of an optional key: nil when the key is absent; `null` is refused like any
    /// other wrong value, as the schemas refuse it.
    func optional<Value>(_ key: Key, _ read: (Key) throws -> Value) throws -> Value? {
        contains(key) ? try read(key) : nil
    }

    /// The value for a key that must be present but may be `null`.
    func nullable<Value>(_ key: Key, _ read: (Key) throws -> Value) throws -> Value? {
        guard contains(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
        }
        return try decodeNil(forKey: key) ? nil : read(key)
    }

    /// Decodes `type`, turning a wrong JSON type at `key` itself into a refusal that says
    /// what was expected. Mismatches deeper inside (elements of a list, members of a map)
    /// keep their own paths unless `elementMismatchIsOurs`.
    private func typed<Value: Decodable>(_ type: Value.Type, _ key: Key, expected: String,
                                         elementMismatchIsOurs: Bool = true) throws -> Value {
        do {
            return try decode(type, forKey: key)
        } catch let error as DecodingError {
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                if elementMismatchIsOurs || context.codingPath.count == codingPath.count + 1 {
                    throw refusal(key, expected: expected)
                }
                throw error
            default:
                throw error
            }
        }
    }

    /// A refusal of the value at `key`.
    private func refusal(_ key: Key, expected: String) -> DecodingError {
        FieldProblem.invalid(expected: expected).decodingError(at: codingPath + [key])
    }

    /// A timestamp in perf's RFC 3339 form.
    func timestamp(_ key: Key) throws -> Date {
        guard let date = Timestamp.parse(try text(key, TextRule.prose(0...64, Timestamp.expectation))) else {
            throw FieldProblem.invalid(expected: Timestamp.expectation).decodingError(at: codingPath + [key])
        }
        return date
    }
}
