import Foundation

/// The process's resident memory from /proc (Linux): the peak since the last reset.
enum PeakMemory {
    /// Resets the high-water mark (VmHWM) to the current resident size; false where unsupported.
    @discardableResult
    static func reset() -> Bool {
        FileManager.default.isWritableFile(atPath: "/proc/self/clear_refs")
            && (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil
    }

    /// Current resident bytes (VmRSS).
    static var resident: Int { field("VmRSS") }

    /// Peak resident bytes since the last reset (VmHWM).
    static var peak: Int { field("VmHWM") }

    /// Runs `body`, returning its result and how far the resident size rose above where it began.
    static func measure<R>(_ body: () -> R) -> (R, Int) {
        reset()
        let before = resident
        let result = body()
        return (result, max(0, peak - before))
    }

    private static func field(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kilobytes * 1024
        }
        return 0
    }
}
