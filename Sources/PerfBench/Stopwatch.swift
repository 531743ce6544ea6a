import Foundation

/// Wall-clock timing for the benchmark: the fastest of several interleaved runs, so that an
/// op and its sgemm baseline see the same noise from other processes, and noise (which only
/// ever slows a run down) is filtered the same way for both.
struct Stopwatch {
    /// What a run's duration is measured in.
    enum Clock: String {
        /// Elapsed real time.
        case wall
        /// CPU time of the whole process (all threads): immune to waiting for a busy CPU, and
        /// equal to elapsed time for a single-threaded run on an idle machine.
        case cpu
    }

    let clock: Clock

    /// Seconds `body` takes once.
    func time(_ body: () -> Void) -> Double {
        let start = now()
        body()
        return now() - start
    }

    private func now() -> Double {
        var spec = timespec()
        clock_gettime(clock == .wall ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// The fastest seconds of `op` and of `baseline`, run alternately after one warm-up each,
    /// `rounds` times or until `budget` seconds have passed (at least 3 rounds).
    func compare(rounds: Int, budget: Double, _ op: () -> Void, baseline: (() -> Void)?) -> (op: Double, baseline: Double?) {
        op()
        baseline?()
        var opTimes: [Double] = [], baseTimes: [Double] = []
        var spent = 0.0
        while opTimes.count < rounds && (opTimes.count < 3 || spent < budget) {
            let t = time(op)
            opTimes.append(t)
            spent += t
            if let baseline {
                let b = time(baseline)
                baseTimes.append(b)
                spent += b
            }
        }
        return (opTimes.min()!, baseTimes.min())
    }
}
