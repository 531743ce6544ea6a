import Dispatch

/// Splits elementwise work across the engine's threads. Never called around a BLAS call
/// (OpenBLAS has its own threads), only around plain loops.
enum Parallel {
    /// Runs `body` over consecutive chunks covering `0..<count`; across threads only when
    /// every chunk would hold at least `grain` items, else on the calling thread.
    static func forEachChunk(_ count: Int, grain: Int = 1 << 15, _ body: (Range<Int>) -> Void) {
        let chunks = min(PerfTensor.threadCount, count / max(grain, 1))
        if chunks <= 1 {
            if count > 0 { body(0..<count) }
            return
        }
        // The chunks touch disjoint elements, so sharing `body` across threads is safe;
        // the compiler cannot see that through the raw pointers it captures.
        withoutActuallyEscaping(body) { body in
            let shared = SharedBody(body: body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                shared.body(count * chunk / chunks ..< count * (chunk + 1) / chunks)
            }
        }
    }

    /// Runs `body(i)` for each `i` in `0..<count`, across threads when `count * costPerItem`
    /// is at least `grain`.
    static func forEach(_ count: Int, costPerItem: Int, grain: Int = 1 << 15, _ body: (Int) -> Void) {
        let perChunk = max(1, grain / max(costPerItem, 1))
        forEachChunk(count, grain: perChunk) { range in
            for i in range { body(i) }
        }
    }
}

/// A loop body handed to several threads that each work on their own chunk.
private struct SharedBody: @unchecked Sendable {
    let body: (Range<Int>) -> Void
}
