import Dispatch
import Foundation

/// Runs independent pieces of engine work side by side: each piece on one thread, up to
/// `workers` at once, each taking the next piece not yet taken. For work made of many
/// small products (a batch split into parts, evaluation batches), this keeps every core
/// busy where spreading each product over threads would not; run the engine single-threaded
/// (`PerfTensor.configureThreads(1)`) while it does.
public enum ConcurrentWork {
    /// The results of `body(0) … body(count − 1)`, in piece order; the first error, by piece
    /// order, is rethrown.
    public static func map<Result: Sendable>(count: Int, workers: Int, _ body: @Sendable (Int) throws -> Result) throws -> [Result] {
        let threads = min(max(workers, 1), count)
        guard threads > 1 else { return try (0..<count).map(body) }
        let slots = ResultSlots<Result>(count)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let piece = slots.nextPiece() {
                slots.store(piece, Swift.Result { try body(piece) })
            }
        }
        return try slots.values()
    }
}

/// Hands out pieces and collects their results from several threads.
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Value, any Error>?]
    private var next = 0

    init(_ count: Int) { slots = Array(repeating: nil, count: count) }

    func nextPiece() -> Int? {
        lock.withLock {
            guard next < slots.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func store(_ piece: Int, _ result: Result<Value, any Error>) { lock.withLock { slots[piece] = result } }

    func values() throws -> [Value] {
        try lock.withLock { slots }.map { slot in
            guard let slot else { preconditionFailure("ConcurrentWork: a piece was never run") }
            return try slot.get()
        }
    }
}
