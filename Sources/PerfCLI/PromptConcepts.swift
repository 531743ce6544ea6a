import Foundation
import PerfClient
import PerfManifest
import PerfPerfusion

/// The concepts a prompt names (DESIGN §4 `perf generate`): every `<scope/name>` placeholder is
/// an installed concept (the version the project's perf.lock pins, else the newest installed),
/// replaced in the prompt by the concept's token. Gates come from each concept's perf.json,
/// overridden by `--gate S/N=BETA:TAU`; `--lock global` locks every concept globally. All the
/// concepts must share one base: the same base package and weights digest.
struct PromptConcepts {
    /// One concept of the prompt.
    struct Entry {
        let name: PackageName
        let version: SemanticVersion
        let manifest: ConceptManifest
        let concept: Concept
    }

    /// The prompt with placeholders replaced by tokens.
    let prompt: String
    /// The concepts, in the order the prompt names them first.
    let entries: [Entry]

    /// The placeholders `<scope/name>` of `prompt`, in order, without repeats.
    static func placeholders(in prompt: String) -> [PackageName] {
        var names: [PackageName] = []
        var rest = prompt[...]
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: ">") else { break }
            if let name = PackageName(String(after[..<close])), !names.contains(name) { names.append(name) }
            rest = after[after.index(after: close)...]
        }
        return names
    }

    /// Loads the concepts `prompt` names from `home` (the versions `project`'s perf.lock pins, else the newest),
    /// applying `gates` and `lock`.
    /// The project's perf.lock is read only when the prompt names concepts, so a plain prompt never depends on it.
    init(prompt: String, gates: [PackageName: ConceptGate], lock: KeyLocking?, home: ClientHome, project: CompositionProject) throws {
        var text = prompt
        var entries: [Entry] = []
        let names = Self.placeholders(in: prompt)
        let lockfile = names.isEmpty ? nil : try project.lockfile()
        for name in names {
            let (version, folder) = try home.installedPackage(name, lockfile: lockfile)
            let (loaded, manifest, _) = try ConceptSelection.concept(folder.path)
            var concept = loaded
            if let gate = gates[name] { concept.gate = gate }
            if let lock { concept.locking = lock }
            if let other = entries.first(where: { $0.concept.token == concept.token }) {
                throw CLIError.invalidArgument("prompt", value: prompt, expected: "concepts with tokens of their own: \(other.name) and \(name) both use \(concept.token)")
            }
            if let first = entries.first, first.manifest.base.digest != manifest.base.digest || first.manifest.base.name != manifest.base.name {
                throw CLIError.invalidArgument("prompt", value: prompt, expected: "concepts of one base: \(first.name) was trained on \(first.manifest.base.name) "
                                               + "(weights \(first.manifest.base.digest)), \(name) on \(manifest.base.name) (weights \(manifest.base.digest))")
            }
            text = text.replacingOccurrences(of: "<\(name)>", with: concept.token)
            entries.append(Entry(name: name, version: version, manifest: manifest, concept: concept))
        }
        for name in gates.keys where !entries.contains(where: { $0.name == name }) {
            throw CLIError.invalidArgument("--gate", value: "\(name)", expected: "a concept the prompt names as <\(name)>")
        }
        self.prompt = text
        self.entries = entries
    }
}
