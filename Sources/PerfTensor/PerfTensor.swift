import CBLAS
import Foundation

/// The tensor engine: Float32 tensors on OpenBLAS with reverse-mode autodiff.
///
/// - `Tensor`: a value (shape + row-major Float32 elements). Layouts follow PyTorch:
///   images NCHW, conv weights OIHW, dense weights [out, in], tokens [batch, tokens, width].
/// - Ops are methods or static functions on `Tensor` (`x.linear(weight:bias:)`,
///   `x.conv2d(weight:bias:stride:padding:)`, `Tensor.attention(query:key:value:heads:)`,
///   `x.groupNorm(groups:weight:bias:epsilon:)`, `+ - *`, ...). Each file puts an op's
///   forward beside its backward, with the shapes in the comment.
/// - Autodiff: `Tape.watch(_:)` marks the tensors to differentiate (inputs or trainable
///   parameters); ops on them record onto the tape, ops on anything else record nothing, so a
///   frozen model costs no weight-gradient work and keeps no activations for it.
///   `Tape.gradients(of:withRespectTo:)` runs backward once and frees as it goes.
/// - Training: `AdamW` updates named parameters; `clipGradientNorm(_:maxNorm:)` clips.
/// - Storage: `ScalarFormat` (F32, F16, BF16) and `Tensor(bytes:format:shape:name:)` /
///   `bytes(as:)` for safetensors-style little-endian data; `TensorError` for bad data.
///
/// A layer is a function of tensors:
///
///     func feedForward(_ x: Tensor, _ w: [String: Tensor]) -> Tensor {
///         x.layerNorm(weight: w["norm.weight"], bias: w["norm.bias"])
///             .linear(weight: w["ff.proj.weight"]!, bias: w["ff.proj.bias"]).geglu()
///             .linear(weight: w["ff.out.weight"]!, bias: w["ff.out.bias"]) + x
///     }
///
/// Shape mismatches inside ops are programming errors and stop the process with a message
/// naming the op and the shapes (like an array index out of range); data from outside goes
/// through the throwing initialisers and `checkShape(_:name:)` first.
///
/// Threads: call `configureThreads(_:)` once at start-up. OpenBLAS then runs each matrix
/// product on that many threads, and the engine's own elementwise kernels split large
/// arrays into as many chunks. The engine never calls BLAS from inside its own parallel
/// loops, so the two never nest. Ops may be called from any thread, but each already uses
/// every configured thread: running several at once only oversubscribes the cores.
public enum PerfTensor {
    /// Sets the number of threads for OpenBLAS and for the engine's elementwise kernels (at least 1).
    public static func configureThreads(_ count: Int) {
        let count = max(1, count)
        openblas_set_num_threads(Int32(count))
        threads.set(count)
    }

    /// Makes the C allocator keep memory that tensors free for reuse instead of returning it
    /// to the system. Every op allocates its result; without this, glibc maps each large
    /// block fresh and the kernel zero-fills every page on first touch, which costs as much as
    /// the product itself for memory-bound layers. Call once at start-up, before the first
    /// tensor. The price: the process keeps its peak resident size. Returns whether the
    /// allocator accepted the settings (false where malloc is not glibc's).
    @discardableResult
    public static func configureAllocator() -> Bool {
        #if canImport(Glibc)
        // mallopt is not imported by the Glibc module; look it up. Options from <malloc.h>.
        guard let symbol = dlsym(nil, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1
        return mallopt(mmapThreshold, 1 << 30) == 1 && mallopt(trimThreshold, Int32.max) == 1
        #else
        return false
        #endif
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
