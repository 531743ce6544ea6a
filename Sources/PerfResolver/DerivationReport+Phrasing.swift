import PerfManifest

extension DerivationReport {
    /// How incompatibilities and terms read in English.
    enum Phrasing {
        /// What an incompatibility states: an external fact as the fact ("alice/teddy 1.x
        /// depends on perf/shapes ^1"), a derived one as its logical content ("alice/teddy
        /// 1.x requires perf/shapes ^1", "bob/mug 2.0.0 cannot be used").
        static func fact(_ incompatibility: Incompatibility) -> String {
            if let external = externalFact(incompatibility) { return external }
            return logical(incompatibility)
        }

        /// Two external facts joined, sharing words where they share a subject: "X depends on
        /// both A and B", "X depends on A, which depends on B".
        static func pair(_ first: Incompatibility, _ second: Incompatibility) -> String {
            if let (depender, one) = dependency(first), let (otherDepender, two) = dependency(second), depender == otherDepender {
                return "\(phrase(depender)) \(one.verb) both \(one.object) and \(two.object)"
            }
            for (a, b) in [(first, second), (second, first)] {
                if let (depender, one) = dependency(a), let (middle, two) = dependency(b),
                   let target = a.terms.first(where: { !$0.isPositive }), target.package == middle.package,
                   target.inverse.satisfies(middle) {
                    return "\(phrase(depender)) \(one.verb) \(one.object), which \(two.verb) \(two.object)"
                }
            }
            return "\(fact(first)) and \(fact(second))"
        }

        /// The positive side of a term in words: `the composition`, `every version of X`,
        /// `X 1.2.3`, `X ^1.2`, `perf/tiny with weights sha256:…`.
        /// `bare` leaves out "every version of", for lists of several terms.
        static func phrase(_ term: Term, bare: Bool = false) -> String {
            switch term.package {
            case .root: return "the composition"
            case .baseWeights(let base, let digest): return "\(base) with weights \(short(digest))"
            case .package(let name):
                if term.versions.isAny { return bare ? name.description : "every version of \(name)" }
                // `<1.0.0 || >=2.0.0 || ...` reads better as what it leaves out.
                let shown = term.versions.description, left = term.versions.inverted.description
                let pieces = { (text: String) in text.filter { $0 == "|" }.count }
                return pieces(left) < pieces(shown) ? "\(name) outside \(left)" : "\(name) \(shown)"
            }
        }

        /// A fact about a dependency: who depends, the verb, and what it needs.
        private struct Need {
            let verb: String
            let object: String
        }

        /// The depender and its need, for facts of the form `{depender, not dependency}`.
        private static func dependency(_ incompatibility: Incompatibility) -> (Term, Need)? {
            guard incompatibility.terms.count == 2,
                  let depender = incompatibility.terms.first(where: \.isPositive),
                  let target = incompatibility.terms.first(where: { !$0.isPositive }) else { return nil }
            switch incompatibility.cause {
            case .dependency(let requirement):
                return (depender, Need(verb: "depends on", object: "\(target.package) \(requirement)"))
            case .baseRequirement(let requirement):
                return (depender, Need(verb: "needs", object: "the base model \(target.package) \(requirement)"))
            case .trainedOn(let digest):
                guard case .baseWeights(let base, _) = target.package else { return nil }
                return (depender, Need(verb: "was trained on", object: "\(base)'s weights \(short(digest))"))
            case .weights(let digest):
                return (depender, Need(verb: "has", object: "the weights \(short(digest))"))
            default:
                return nil
            }
        }

        /// The sentence for an external fact; nil for a derived incompatibility.
        private static func externalFact(_ incompatibility: Incompatibility) -> String? {
            if let (depender, need) = dependency(incompatibility) {
                return "\(phrase(depender)) \(need.verb) \(need.object)"
            }
            let terms = incompatibility.terms
            switch incompatibility.cause {
            case .dependency(let requirement) where terms.count == 1:
                // A package that depends on itself: the two terms merged into one.
                return "\(phrase(terms[0])) depends on \(terms[0].package) \(requirement), a range that leaves itself out"
            case .root:
                return "the composition must be resolved"
            case .noVersions(let excluded):
                guard let term = terms.first, let name = term.package.name else { return nil }
                let range = term.versions.isAny ? "" : " matching \(term.versions)"
                guard !excluded.isEmpty else {
                    return term.versions.isAny ? "no version of \(name) is published" : "no version of \(name)\(range) is published"
                }
                let reasons = excluded.map { "\($0.version) is \(reason($0.reason))" }
                if excluded.count == 1, term.versions == .exactly(excluded[0].version) {
                    return "\(name) \(excluded[0].version) may not be chosen: it is \(reason(excluded[0].reason))"
                }
                return "no version of \(name)\(range) may be chosen (\(reasons.joined(separator: "; ")))"
            case .oneBase:
                return "\(terms.map { $0.package.description }.joined(separator: " and ")) are both base models, and a composition uses exactly one"
            case .oneWeights:
                return "\(terms.map { phrase($0) }.joined(separator: " and ")) are different base weights, and a composition uses exactly one"
            default:
                return nil
            }
        }

        /// What a derived incompatibility says, by the shape of its terms.
        private static func logical(_ incompatibility: Incompatibility) -> String {
            if incompatibility.isFailure { return "the composition cannot be resolved" }
            let positiveTerms = incompatibility.terms.filter(\.isPositive)
            let positives = positiveTerms.map { phrase($0, bare: positiveTerms.count > 1) }
            let negatives = incompatibility.terms.filter { !$0.isPositive }.map { phrase($0.inverse) }
            switch (positives.count, negatives.count) {
            case (1, 0):
                return "\(positives[0]) cannot be used"
            case (0, 1):
                return "\(negatives[0]) is required"
            case (_, 0):
                return "\(list(positives, "and")) cannot be used together"
            case (0, _):
                return "one of \(list(negatives, "or")) is required"
            default:
                return "\(list(positives, "and")) \(positives.count == 1 ? "requires" : "together require") \(list(negatives, "or"))"
            }
        }

        /// Why a version is not a candidate.
        private static func reason(_ reason: Incompatibility.ExcludedVersion.Reason) -> String {
            switch reason {
            case .yanked: return "yanked, withdrawn by its publisher"
            case .untrusted: return "signed by a key perf does not trust"
            }
        }

        /// A digest cut to 16 hex digits, enough to tell weights apart in a message.
        static func short(_ digest: Digest) -> String {
            "sha256:\(digest.hex.prefix(16))…"
        }

        /// "a", "a and b", "a, b and c".
        private static func list(_ items: [String], _ conjunction: String) -> String {
            guard items.count > 1 else { return items.first ?? "" }
            return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
        }
    }
}
