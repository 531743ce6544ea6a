import PerfDiagnostics

/// Why no set of versions satisfies a composition. The message is the derivation that
/// proves it, in numbered sentences naming packages and versions, then what to do.
public struct ResolutionError: PerfError {
    private enum Reason: Sendable {
        /// Version solving derived that the composition cannot be resolved.
        case unsatisfiable(Incompatibility, lines: [String])
    }

    private let reason: Reason

    /// The failure proved by `incompatibility`, explained.
    static func unsatisfiable(_ incompatibility: Incompatibility) -> ResolutionError {
        ResolutionError(reason: .unsatisfiable(incompatibility, lines: DerivationReport(incompatibility).lines))
    }

    /// The incompatibility at the root of the derivation graph (`{the composition}`).
    public var incompatibility: Incompatibility {
        switch reason { case .unsatisfiable(let incompatibility, _): return incompatibility }
    }

    /// The numbered sentences of the explanation, one per line.
    public var explanation: [String] {
        switch reason { case .unsatisfiable(_, let lines): return lines }
    }

    /// `failure`: the inputs are well formed but admit no solution.
    public var exitStatus: ExitStatus { .failure }

    public var description: String {
        "no versions satisfy the composition's requirements:\n"
            + explanation.map { "  " + $0 }.joined(separator: "\n")
            + "\nChange the requirements named above in perf.json (or ask the publishers for versions that fit "
            + "together), then resolve again."
    }
}
