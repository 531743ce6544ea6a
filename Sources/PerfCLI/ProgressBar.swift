import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar on standard error, redrawn in place; silent when standard error is
/// not a terminal, so that logs and tests see only results.
struct ProgressBar {
    /// What is progressing ("sampling").
    let label: String
    /// Whether the bar is drawn.
    let isVisible: Bool
    private let start = Date()

    /// A bar for `label`, drawn only on a terminal.
    init(_ label: String) {
        self.label = label
        isVisible = isatty(STDERR_FILENO) == 1
    }

    /// Draws `completed` of `total`, with the average seconds per unit so far and `note` (a loss, say).
    func update(_ completed: Int, of total: Int, note: String? = nil) {
        guard isVisible, total > 0 else { return }
        let width = 30, filled = width * completed / total
        let seconds = Date().timeIntervalSince(start) / Double(max(completed, 1))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let end = completed == total ? "\n" : ""
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(completed)/\(total) \(String(format: "%.2f", seconds)) s/step\(note.map { "  \($0)" } ?? "")\(end)".utf8))
    }
}
