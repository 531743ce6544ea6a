import Foundation

/// One JSON configuration file's top-level object, read key by key: every accessor names the
/// file and key in its error, applies the library's default for an absent (or null) key, and
/// rejects a value of the wrong type.
struct ConfigObject: Sendable {
    /// The file's path, for messages.
    let source: String
    /// The object's members.
    let members: [String: JSONValue]

    /// Wraps an already parsed object.
    init(source: String, members: [String: JSONValue]) {
        self.source = source
        self.members = members
    }

    /// Reads and parses `url`, which must hold a JSON object; `what` names it when it is missing.
    static func read(_ url: URL, what: String) throws -> ConfigObject {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) {
                throw DiffusionError(url.path, .missingFile(what: what))
            }
            throw DiffusionError(url.path, .io("cannot read it (\(error.localizedDescription))"))
        }
        return try parse(data, source: url.path)
    }

    /// Parses `data` as a JSON object; `source` names it in errors.
    static func parse(_ data: Data, source: String) throws -> ConfigObject {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw DiffusionError(source, .malformed(key: nil, "not valid JSON (\(error.localizedDescription))"))
        }
        guard case .object(let members) = value else {
            throw DiffusionError(source, .malformed(key: nil, "the file must hold a JSON object, not \(value)"))
        }
        return ConfigObject(source: source, members: members)
    }

    /// The key's value, or nil when it is absent or null.
    func value(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    /// An error about `key` holding `value` where `expected` was wanted.
    func wrongType(_ key: String, _ value: JSONValue, _ expected: String) -> DiffusionError {
        DiffusionError(source, .malformed(key: key, "expected \(expected), found \(value)"))
    }

    /// An integer; `fallback` when absent, an error when absent without a fallback.
    func int(_ key: String, default fallback: Int? = nil) throws -> Int {
        guard let value = value(key) else { return try required(key, fallback) }
        guard let int = value.integer else { throw wrongType(key, value, "an integer") }
        return int
    }

    /// An integer that must be at least `minimum`.
    func int(_ key: String, default fallback: Int? = nil, atLeast minimum: Int) throws -> Int {
        let int = try int(key, default: fallback)
        guard int >= minimum else {
            throw DiffusionError(source, .malformed(key: key, "must be at least \(minimum), found \(int)"))
        }
        return int
    }

    /// An integer, or nil when absent or null.
    func optionalInt(_ key: String) throws -> Int? {
        value(key) == nil ? nil : try int(key)
    }

    /// A number; `fallback` when absent.
    func double(_ key: String, default fallback: Double? = nil) throws -> Double {
        guard let value = value(key) else { return try required(key, fallback) }
        guard let double = value.double, double.isFinite else { throw wrongType(key, value, "a number") }
        return double
    }

    /// A number, or nil when absent or null.
    func optionalDouble(_ key: String) throws -> Double? {
        value(key) == nil ? nil : try double(key)
    }

    /// A boolean; `fallback` when absent.
    func bool(_ key: String, default fallback: Bool? = nil) throws -> Bool {
        guard let value = value(key) else { return try required(key, fallback) }
        guard case .bool(let bool) = value else { throw wrongType(key, value, "true or false") }
        return bool
    }

    /// A string; `fallback` when absent.
    func string(_ key: String, default fallback: String? = nil) throws -> String {
        guard let value = value(key) else { return try required(key, fallback) }
        guard case .string(let string) = value else { throw wrongType(key, value, "a string") }
        return string
    }

    /// A string, or nil when absent or null.
    func optionalString(_ key: String) throws -> String? {
        value(key) == nil ? nil : try string(key)
    }

    /// A list of strings; `fallback` when absent.
    func strings(_ key: String, default fallback: [String]? = nil) throws -> [String] {
        guard let value = value(key) else { return try required(key, fallback) }
        guard case .array(let items) = value else { throw wrongType(key, value, "a list of strings") }
        return try items.map { item in
            guard case .string(let string) = item else { throw wrongType(key, value, "a list of strings") }
            return string
        }
    }

    /// A list of integers; `fallback` when absent.
    func ints(_ key: String, default fallback: [Int]? = nil) throws -> [Int] {
        guard let value = value(key) else { return try required(key, fallback) }
        guard case .array(let items) = value else { throw wrongType(key, value, "a list of integers") }
        return try items.map { item in
            guard let int = item.integer else { throw wrongType(key, value, "a list of integers") }
            return int
        }
    }

    /// A list of numbers; `fallback` when absent.
    func doubles(_ key: String, default fallback: [Double]? = nil) throws -> [Double] {
        guard let value = value(key) else { return try required(key, fallback) }
        guard case .array(let items) = value else { throw wrongType(key, value, "a list of numbers") }
        return try items.map { item in
            guard let double = item.double, double.isFinite else { throw wrongType(key, value, "a list of numbers") }
            return double
        }
    }

    /// One integer per block: a single integer repeated `count` times, or a list of `count`
    /// integers (diffusers accepts both); `fallback` when absent.
    func intPerBlock(_ key: String, count: Int, default fallback: Int?) throws -> [Int] {
        if let value = value(key), case .array = value {
            let list = try ints(key)
            guard list.count == count else {
                throw DiffusionError(source, .malformed(key: key, "has \(list.count) entries but the model has \(count) blocks"))
            }
            return list
        }
        return Array(repeating: try int(key, default: fallback), count: count)
    }

    /// Throws unless `key` is absent or holds one of `accepted` (the values perf implements).
    func require(_ key: String, in accepted: [JSONValue], supported: String) throws {
        guard let value = members[key] else { return }
        guard accepted.contains(value) || (value.double != nil && accepted.contains { $0.double == value.double }) else {
            throw DiffusionError(source, .unsupported(key: key, value: value.description, supported: supported))
        }
    }

    /// Throws unless `key` is absent or null: perf implements none of the key's features.
    func requireNull(_ key: String) throws {
        try require(key, in: [.null], supported: "null (absent)")
    }

    /// Throws unless `key` is absent or `false`.
    func requireFalse(_ key: String) throws {
        try require(key, in: [.null, .bool(false)], supported: "false")
    }

    /// The fallback, or a missing-key error.
    private func required<T>(_ key: String, _ fallback: T?) throws -> T {
        guard let fallback else {
            throw DiffusionError(source, .malformed(key: key, "the key is required but absent"))
        }
        return fallback
    }
}
