import Dispatch
import Foundation

/// Runs `count` independent pieces of work on up to `workers` threads and returns their
/// results in piece order (the first error thrown, by piece order, is rethrown).
enum ShardedWork {
    /// The results of `body(0) … body(count − 1)`.
    static func map<Result: Sendable>(count: Int, workers: Int, _ body: @Sendable (Int) throws -> Result) throws -> [Result] {
        let threads = min(max(workers, 1), count)
        guard threads > 1 else { return try (0..<count).map(body) }
        let slots = Slots<Swift.Result<Result, any Error>>(count)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for piece in stride(from: thread, to: count, by: threads) {
                slots[piece] = Swift.Result { try body(piece) }
            }
        }
        return try slots.values.map { try $0!.get() }
    }
}

/// One result slot per piece, filled from several threads.
private final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value?]

    init(_ count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value?] { lock.withLock { storage } }
}
