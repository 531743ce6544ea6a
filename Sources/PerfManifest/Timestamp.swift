import Foundation

/// RFC 3339 timestamps in the one form perf writes: UTC, whole seconds,
/// `YYYY-MM-DDTHH:MM:SSZ`. Reading refuses every other form, and dates that do not exist
/// (`2023-02-30`), so that a line read and written again keeps its bytes.
enum Timestamp {
    /// What a valid timestamp looks like, for error messages.
    static let expectation = "an RFC 3339 UTC time in whole seconds such as \"2024-05-01T12:00:00Z\""

    /// `date` as `YYYY-MM-DDTHH:MM:SSZ`, fractions of a second dropped.
    static func format(_ date: Date) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)).formatted(.iso8601)
    }

    /// The date `text` names, or nil when it is not exactly in perf's form or not a real date.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
        let punctuation: [(Int, Character)] = [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, "Z")]
        guard bytes.count == 20, digitPositions.allSatisfy({ ASCII.isDigit(bytes[$0]) }),
              punctuation.allSatisfy({ bytes[$0.0] == $0.1.asciiValue! }),
              let date = try? Date(text, strategy: .iso8601), format(date) == text else { return nil }
        return date
    }
}
