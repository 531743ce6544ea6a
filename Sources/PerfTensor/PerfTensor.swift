import CBLAS
import Foundation

/// The tensor engine: Float32 tensors on OpenBLAS with reverse-mode autodiff (see `Tensor`, `Tape`).
///
/// Threads: call `configureThreads(_:)` once at start-up. OpenBLAS then runs each matrix
/// product on that many threads, and the engine's own elementwise kernels split large
/// arrays into as many chunks. The engine never calls BLAS from inside its own parallel
/// loops, so the two never nest.
public enum PerfTensor {
    /// Sets the number of threads for OpenBLAS and for the engine's elementwise kernels (at least 1).
    public static func configureThreads(_ count: Int) {
        let count = max(1, count)
        openblas_set_num_threads(Int32(count))
        threads.set(count)
    }

    /// The number of threads the engine's own kernels use (the last `configureThreads` value,
    /// else the number of active processors).
    public static var threadCount: Int { threads.get() }

    private static let threads = ThreadSetting(ProcessInfo.processInfo.activeProcessorCount)
}

/// The engine's thread count, guarded by a lock so that any thread may read it.
private final class ThreadSetting: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int

    init(_ value: Int) { self.value = max(1, value) }

    func get() -> Int { lock.withLock { value } }

    func set(_ newValue: Int) { lock.withLock { value = newValue } }
}
