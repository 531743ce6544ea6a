import Testing
import PerfTensor

/// Process-wide start-up settings, each checked in a child process of its own.
@Suite struct ConfigurationTests {
    @Test func threadsAndAllocator() async {
        await #expect(processExitsWith: .success) {
            PerfTensor.configureThreads(3)
            guard PerfTensor.threadCount == 3 else { fatalError("thread count \(PerfTensor.threadCount)") }
            PerfTensor.configureThreads(0)
            guard PerfTensor.threadCount == 1 else { fatalError("thread count \(PerfTensor.threadCount)") }
            #if canImport(Glibc)
            guard PerfTensor.configureAllocator() else { fatalError("glibc refused the allocator settings") }
            #endif
            // Ops still work, across threads, with the settings in place.
            let x = Tensor(shape: [200_000], repeating: 2)
            PerfTensor.configureThreads(2)
            guard (x * x).sum().scalar == 800_000 else { fatalError("wrong sum") }
        }
    }
}
