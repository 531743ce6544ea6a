/// Turns the derivation graph of a failure into numbered sentences (solver.md, "Error
/// Reporting"): a depth-first walk from the root incompatibility that states each external
/// fact once and each derived one as a consequence, and refers back by number to
/// conclusions that are used more than once. Solving knows nothing of this; it only keeps
/// each derived incompatibility's two causes.
struct DerivationReport {
    /// The sentences, numbered `1.`, `2.`, ...; an empty line starts a new line of reasoning.
    private(set) var lines: [String] = []
    /// How many derived incompatibilities each incompatibility is a cause of.
    private let uses: [Int: Int]
    /// The number of the line that concluded an incompatibility, for those cited later.
    private var citations: [Int: Int] = [:]
    /// The number the next line gets.
    private var nextNumber = 1

    /// The explanation of why `failure` (an incompatibility with only the root) holds.
    init(_ failure: Incompatibility) {
        uses = Self.countUses(from: failure)
        if case .conflict = failure.cause {
            explain(failure, isConclusion: true)
        } else {
            write("\(Phrasing.fact(failure).capitalizedFirst).")
        }
    }

    /// Counts, over the graph below `root`, how often each incompatibility is a cause.
    private static func countUses(from root: Incompatibility) -> [Int: Int] {
        var uses: [Int: Int] = [:]
        var visited: Set<Int> = [root.id]
        var stack = [root]
        while let incompatibility = stack.popLast() {
            guard case .conflict(let first, let second) = incompatibility.cause else { continue }
            for cause in [first, second] {
                uses[cause.id, default: 0] += 1
                if visited.insert(cause.id).inserted { stack.append(cause) }
            }
        }
        return uses
    }

    private mutating func write(_ sentence: String) {
        lines.append("\(nextNumber). \(sentence)")
        nextNumber += 1
    }

    /// The number of the last line written.
    private var lastNumber: Int { nextNumber - 1 }

    private mutating func explain(_ incompatibility: Incompatibility, isConclusion: Bool = false) {
        guard case .conflict(let first, let second) = incompatibility.cause else { return }
        let conclusion = Phrasing.fact(incompatibility)
        let andBecause = isConclusion ? "So, because" : "And because"
        switch (first.isDerived, second.isDerived) {
        case (true, true):
            explainTwoDerived(first, second, conclusion: conclusion, andBecause: andBecause, isConclusion: isConclusion)
        case (true, false), (false, true):
            let (derived, external) = first.isDerived ? (first, second) : (second, first)
            if let number = citations[derived.id] {
                write("Because \(Phrasing.fact(external)) and \(Phrasing.fact(derived)) (\(number)), \(conclusion).")
            } else if case .conflict(let a, let b) = derived.cause, a.isDerived != b.isDerived,
                      citations[(a.isDerived ? a : b).id] == nil {
                // Fold a one-step derivation into the next sentence, as "A and B, so C".
                let (priorDerived, priorExternal) = a.isDerived ? (a, b) : (b, a)
                explain(priorDerived)
                write("\(andBecause) \(Phrasing.pair(priorExternal, external)), \(conclusion).")
            } else {
                explain(derived)
                write("\(andBecause) \(Phrasing.fact(external)), \(conclusion).")
            }
        case (false, false):
            write("Because \(Phrasing.pair(first, second)), \(conclusion).")
        }
        if uses[incompatibility.id, default: 0] > 1 { citations[incompatibility.id] = lastNumber }
    }

    private mutating func explainTwoDerived(_ first: Incompatibility, _ second: Incompatibility, conclusion: String,
                                            andBecause: String, isConclusion: Bool) {
        switch (citations[first.id], citations[second.id]) {
        case (let one?, let two?):
            write("Because \(Phrasing.fact(first)) (\(one)) and \(Phrasing.fact(second)) (\(two)), \(conclusion).")
        case (let one?, nil):
            explain(second)
            write("\(andBecause) \(Phrasing.fact(first)) (\(one)), \(conclusion).")
        case (nil, let two?):
            explain(first)
            write("\(andBecause) \(Phrasing.fact(second)) (\(two)), \(conclusion).")
        case (nil, nil):
            if first.hasExternalCauses || second.hasExternalCauses {
                // The simple side takes one sentence, so the complex one needs no citation.
                let (simple, complex) = first.hasExternalCauses ? (first, second) : (second, first)
                explain(complex)
                explain(simple)
                write("\(isConclusion ? "So" : "Thus"), \(conclusion).")
            } else {
                explain(first)
                citations[first.id] = lastNumber
                let firstNumber = lastNumber
                lines.append("")
                explain(second)
                write("\(andBecause) \(Phrasing.fact(first)) (\(firstNumber)), \(conclusion).")
            }
        }
    }
}

extension Incompatibility {
    /// True for a derived incompatibility whose two causes are both external facts.
    var hasExternalCauses: Bool {
        guard case .conflict(let first, let second) = cause else { return false }
        return !first.isDerived && !second.isDerived
    }
}

extension String {
    /// The string with its first letter in upper case.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
