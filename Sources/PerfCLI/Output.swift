import Foundation

/// Writes command results: human text, or JSON with `--json`. The one place commands print.
enum Output {
    /// Prints a line of human-readable text on standard output.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Prints a note on standard error (progress and warnings never mix with results).
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints `value` as pretty JSON with sorted keys on standard output.
    static func json<T: Encodable>(_ value: T) throws {
        FileHandle.standardOutput.write(try jsonData(value))
    }

    /// `value` as pretty JSON with sorted keys and a final newline (what `json(_:)` prints).
    static func jsonData<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}
