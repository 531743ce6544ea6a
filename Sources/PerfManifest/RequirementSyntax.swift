/// The version requirements manifests accept (a concept's `base.requirement` and
/// `dependencies`, a composition's `concepts` and `base.requirement`, an index line's
/// `dependencies`): exactly the texts `VersionRequirement` parses, so that every
/// requirement a manifest holds means something to the resolver. The grammar, as
/// `VersionRequirement`'s parser reads it (blank = spaces and tabs):
///
///     requirement  := alternative ( "||" alternative )*
///     alternative  := blank* comparator blank* ( "," blank* comparator blank* )*
///     comparator   := ( operator blank* )? version | ( "=" blank* )? wildcard
///     operator     := ">=" | "<=" | ">" | "<" | "=" | "^" | "~"
///     version      := number ( "." number ( "." number prerelease? )? )?
///     wildcard     := open ( "." open )? ( "." open )? | number "." open ( "." open )? | number "." number "." open
///     open         := "*" | "x" | "X"
///     number       := "0" | [1-9][0-9]*
///     prerelease   := "-" identifier ( "." identifier )*    (semver pre-release identifiers)
///
/// At most 256 bytes of printable ASCII and tabs; no build metadata. Examples: `^1.0`,
/// `~1.2.3`, `=2.0.0-rc.1`, `>=1.0, <2.0`, `1.*`, `1.2.x`, `*`, `^1 || ^2`. The schemas'
/// `requirement` pattern states the same language as a regular expression.
public enum RequirementSyntax {
    /// What a valid requirement looks like, for error messages.
    public static let expectation = VersionRequirement.expectation

    /// The longest requirement perf accepts, in bytes.
    public static let maximumLength = VersionRequirement.maximumLength

    /// True when `VersionRequirement` parses `text`.
    public static func isValid(_ text: String) -> Bool {
        VersionRequirement(text) != nil
    }
}
