import Foundation

/// The caption set for text statistics: the lines of a `--captions` file, or perf's built-in
/// captions when none is given (`perf base import`, `perf base stats`).
enum CaptionFile {
    /// The non-empty lines of the captions file at `path`, else the built-in captions.
    static func captions(_ path: String?) throws -> [String] {
        guard let path else { return DefaultCaptions.all }
        guard let text = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw CLIError.fileNotFound(path, what: "captions file", fix: "pass a text file with one caption per line")
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !lines.isEmpty else {
            throw CLIError.invalidArgument("--captions", value: path, expected: "a text file with at least one caption")
        }
        return lines
    }
}
