import Foundation
@testable import PerfHTTP
import Testing

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(HTTPClientConfiguration(initialBackoff: 0.2, maxRetryDelay: 5))

    @Test func backoffDoublesWithJitterInItsUpperHalf() {
        for retry in 0..<4 {
            let full = 0.2 * pow(2, Double(retry))
            #expect(abs(policy.delay(beforeRetry: retry, retryAfter: nil, jitter: 0) - full / 2) < 1e-9)
            #expect(abs(policy.delay(beforeRetry: retry, retryAfter: nil, jitter: 0.999_999) - full) < 1e-6)
        }
        #expect(policy.delay(beforeRetry: 20, retryAfter: nil, jitter: 0.5) == 5)
    }

    @Test func retryAfterSecondsAreHonouredAndCapped() {
        #expect(policy.delay(beforeRetry: 0, retryAfter: "2", jitter: 0) == 2)
        #expect(policy.delay(beforeRetry: 0, retryAfter: "3600", jitter: 0) == 5)
        // Malformed or negative values fall back to the backoff.
        #expect(policy.delay(beforeRetry: 0, retryAfter: "soon", jitter: 0) == 0.1)
        #expect(policy.delay(beforeRetry: 0, retryAfter: "-4", jitter: 0) == 0.1)
    }

    @Test func retryAfterDateCountsFromNow() throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2015-10-21T07:28:00Z"))
        #expect(RetryPolicy.seconds(retryAfter: "Wed, 21 Oct 2015 07:28:03 GMT", now: now) == 3)
        #expect(RetryPolicy.seconds(retryAfter: "Wed, 21 Oct 2015 07:27:00 GMT", now: now) == 0)
        #expect(RetryPolicy.seconds(retryAfter: "21/10/2015", now: now) == nil)
    }

    @Test func onlyOverloadAndGatewayStatusesAreTransient() {
        for status in [429, 500, 502, 503, 504] { #expect(RetryPolicy.isTransient(status: status, scope: .idempotent)) }
        for status in [200, 206, 304, 400, 401, 403, 404, 408, 409, 410, 416, 501] {
            #expect(!RetryPolicy.isTransient(status: status, scope: .idempotent))
        }
        // A write is repeated only when the server certainly did not act on it.
        for status in [429, 503] { #expect(RetryPolicy.isTransient(status: status, scope: .unprocessed)) }
        for status in [500, 502, 504] { #expect(!RetryPolicy.isTransient(status: status, scope: .unprocessed)) }
    }

    @Test func transportFailuresRetriedByScope() {
        #expect(RetryPolicy.isTransient(.connect, scope: .idempotent))
        #expect(RetryPolicy.isTransient(.timeout, scope: .idempotent))
        #expect(RetryPolicy.isTransient(.interrupted, scope: .idempotent))
        #expect(!RetryPolicy.isTransient(.other, scope: .idempotent))
        #expect(!RetryPolicy.isTransient(.missingFile, scope: .idempotent))
        #expect(RetryPolicy.isTransient(.connect, scope: .unprocessed))
        #expect(!RetryPolicy.isTransient(.timeout, scope: .unprocessed))
        #expect(!RetryPolicy.isTransient(.interrupted, scope: .unprocessed))
    }
}
