import Foundation
import PerfTestSupport
import Testing

@Suite struct HelpTests {
    @Test func helpListsTheCommandAndExitsZero() throws {
        let home = try TemporaryDirectory()
        let result = try ProcessRunner.perf(["--help"], home: home.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("package manager for Perfusion concepts"))
    }

    @Test func unknownFlagIsAUsageError() throws {
        let home = try TemporaryDirectory()
        let result = try ProcessRunner.perf(["--no-such-flag"], home: home.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains("no-such-flag"))
    }
}
