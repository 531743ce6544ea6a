import Foundation
import PerfBundle
import PerfTestSupport

/// An archive a bundle reader must refuse, built by Python's tarfile (or bsdtar, for
/// formats Python cannot write), never by hand.
struct HostileArchive: Sendable, CustomStringConvertible {
    /// A short name for the test's report.
    let name: String
    /// Python statements writing the archive to `out`, after `prelude`.
    let program: String
    /// Words the refusal's message must contain.
    let says: String
    /// The limits the archive is read with.
    var limits: BundleLimits = .concept

    var description: String { name }

    /// Helpers for `program`: `member(name, data, kind, **fields)` makes a tar member,
    /// `archive(*members, format=...)` writes them to `out`, `manifest` is a valid perf.json member.
    static let prelude = """
        import io, os, random, subprocess, sys, tarfile, zipfile
        out, scratch = sys.argv[1], sys.argv[2]
        def member(name, data=b"x", kind=tarfile.REGTYPE, **fields):
            info = tarfile.TarInfo(name)
            info.type = kind
            info.size = len(data) if kind == tarfile.REGTYPE else 0
            for key, value in fields.items():
                setattr(info, key, value)
            return info, io.BytesIO(data)
        def archive(*members, format=tarfile.PAX_FORMAT):
            with tarfile.open(out, "w", format=format) as t:
                for info, data in members:
                    t.addfile(info, data)
                return t.offset
        def manifest():
            return member("perf.json", b'{"kind":"concept"}')
        """

    /// Writes the archive to `out` and returns its bytes; `scratch` is an empty folder the
    /// program may use.
    func build(out: URL, scratch: URL) throws -> Data {
        try BundleFixtures.python(Self.prelude + "\n" + program, [out.path, scratch.path])
        return try Data(contentsOf: out)
    }

    static let all: [HostileArchive] = paths + kinds + duplicates + sizes + damaged + foreign

    static let paths: [HostileArchive] = [
        .init(name: "parent", program: #"archive(manifest(), member("../evil"))"#, says: "climbs out"),
        .init(name: "absolute", program: #"archive(manifest(), member("/etc/evil"))"#, says: "absolute path"),
        .init(name: "nested parent", program: #"archive(manifest(), member("a/../../evil"))"#, says: "climbs out"),
        .init(name: "parent folder entry", program: #"archive(manifest(), member("../outside/", kind=tarfile.DIRTYPE))"#,
              says: "climbs out"),
        .init(name: "pax long path", program: #"archive(manifest(), member("d/" + "x" * 120 + "/../../../evil"))"#,
              says: "climbs out"),
        .init(name: "GNU long name", program: #"archive(manifest(), member("d/" + "x" * 120 + "/../../../evil"), format=tarfile.GNU_FORMAT)"#,
              says: "climbs out"),
        .init(name: "dot component", program: #"archive(manifest(), member("a/./b"))"#, says: "'.' component"),
        .init(name: "empty component", program: #"archive(manifest(), member("a//b"))"#, says: "empty component"),
        .init(name: "backslash", program: #"archive(manifest(), member("a\\..\\..\\evil"))"#, says: "backslash"),
        .init(name: "control character", program: #"archive(manifest(), member("evil\x1b[2J"))"#, says: "control character"),
        .init(name: "non-ASCII", program: #"archive(manifest(), member("caf\u00e9"))"#, says: "non-ASCII"),
        .init(name: "raw high byte", program: #"archive(manifest(), member("bad\udcff"), format=tarfile.GNU_FORMAT)"#,
              says: "non-ASCII"),
    ]

    static let kinds: [HostileArchive] = [
        .init(name: "symlink", program: #"archive(manifest(), member("link", kind=tarfile.SYMTYPE, linkname="/etc/passwd"))"#,
              says: "symbolic link"),
        .init(name: "hardlink", program: #"archive(manifest(), member("link", kind=tarfile.LNKTYPE, linkname="perf.json"))"#,
              says: "hard link"),
        .init(name: "character device", program: #"archive(manifest(), member("null", kind=tarfile.CHRTYPE, devmajor=1, devminor=3))"#,
              says: "character device"),
        .init(name: "block device", program: #"archive(manifest(), member("sda", kind=tarfile.BLKTYPE, devmajor=8, devminor=0))"#,
              says: "block device"),
        .init(name: "FIFO", program: #"archive(manifest(), member("pipe", kind=tarfile.FIFOTYPE))"#, says: "FIFO"),
    ]

    static let duplicates: [HostileArchive] = [
        .init(name: "duplicate", program: #"archive(manifest(), manifest())"#, says: "appears twice"),
        .init(name: "duplicate after ./", program: #"archive(manifest(), member("./perf.json"))"#, says: "appears twice"),
        .init(name: "case collision", program: #"archive(manifest(), member("README.md"), member("readme.md"))"#,
              says: "case-insensitive"),
        .init(name: "file inside a file", program: #"archive(manifest(), member("a"), member("a/b"))"#, says: "which is a file"),
        .init(name: "folder over a file", program: #"archive(manifest(), member("a"), member("a/", kind=tarfile.DIRTYPE))"#,
              says: "is a file"),
    ]

    static let sizes: [HostileArchive] = [
        .init(name: "10 GB header only", program: """
            info, _ = member("huge.bin"); info.size = 10 * 2**30
            open(out, "wb").write(info.tobuf(tarfile.GNU_FORMAT))
            """, says: "more than the limit"),
        .init(name: "10 GB header, higher limit", program: """
            info, _ = member("huge.bin"); info.size = 10 * 2**30
            open(out, "wb").write(info.tobuf(tarfile.GNU_FORMAT))
            """, says: "only 0 bytes follow",
              limits: BundleLimits(maxEntryBytes: 1 << 40, maxTotalBytes: 1 << 40, maxEntries: 10)),
        .init(name: "entry over the cap", program: #"archive(manifest(), member("big.bin", b"\0" * (9 << 20)))"#,
              says: "more than the limit of 8388608 bytes"),
        .init(name: "total over the cap", program: #"archive(manifest(), *[member(f"w{i}.bin", b"\0" * (6 << 20)) for i in range(3)])"#,
              says: "past the limit of 16777216 bytes in all"),
        .init(name: "too many entries", program: #"archive(manifest(), *[member(f"f{i}") for i in range(64)])"#,
              says: "more than 64 entries"),
    ]

    static let damaged: [HostileArchive] = [
        .init(name: "truncated in data", program: """
            archive(manifest(), member("w.bin", b"w" * 2000))
            os.truncate(out, 512 * 3 + 100)
            """, says: "damaged or truncated"),
        .init(name: "truncated in a header", program: """
            archive(manifest(), member("w.bin", b"w" * 2000))
            os.truncate(out, 512 * 2 + 200)
            """, says: "damaged or truncated"),
        .init(name: "truncated between entries", program: """
            end = archive(manifest(), member("w.bin", b"w" * 2000))
            os.truncate(out, end)
            """, says: "cut short"),
        .init(name: "bad header checksum", program: """
            archive(manifest(), member("w.bin", b"w" * 2000))
            data = bytearray(open(out, "rb").read()); data[1024 + 10] ^= 0xFF
            open(out, "wb").write(bytes(data))
            """, says: "damaged or truncated"),
    ]

    static let foreign: [HostileArchive] = [
        .init(name: "garbage", program: #"open(out, "wb").write(random.Random(7).randbytes(4096))"#, says: "not a tar archive"),
        .init(name: "empty file", program: #"open(out, "wb").close()"#, says: "not a tar archive"),
        .init(name: "zip", program: """
            with zipfile.ZipFile(out, "w") as z:
                z.writestr("perf.json", '{"kind":"concept"}')
            """, says: "zip archive"),
        .init(name: "gzip tar", program: """
            with tarfile.open(out, "w:gz") as t:
                info, data = manifest(); t.addfile(info, data)
            """, says: "gzip-compressed"),
        .init(name: "xz tar", program: """
            with tarfile.open(out, "w:xz") as t:
                info, data = manifest(); t.addfile(info, data)
            """, says: "xz-compressed"),
        .init(name: "cpio by bsdtar", program: """
            open(os.path.join(scratch, "perf.json"), "w").write("{}")
            subprocess.run(["bsdtar", "--format=cpio", "-cf", out, "-C", scratch, "perf.json"], check=True)
            """, says: "not a tar archive"),
        .init(name: "zip by bsdtar", program: """
            open(os.path.join(scratch, "perf.json"), "w").write("{}")
            subprocess.run(["bsdtar", "--format=zip", "-cf", out, "-C", scratch, "perf.json"], check=True)
            """, says: "zip archive"),
    ]
}
