import Foundation
import Testing
@testable import KubeClient
import KubeCore

/// Error answers become `KubeError.api(Status)` with client-go's predicates, and retries
/// follow the rules: 429 for any verb (with Retry-After), 5xx and transport errors for reads only.
@Suite struct ClientErrorTests {
    static func status(_ code: Int, _ reason: String, _ message: String = "", causes: [StatusCause]? = nil) -> JSONValue {
        var s: JSONValue = ["kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": .string(reason), "code": .int(Int64(code)), "message": .string(message)]
        if let causes { s["details"] = try! JSONValue(encoding: StatusDetails(name: "x", kind: "configmaps", causes: causes)) }
        return s
    }

    static func failing(_ code: Int, _ reason: String, path: String = "/api/v1/namespaces/ai/configmaps/x", method: KubeCore.HTTPMethod = .GET) async throws -> KubeError {
        let t = MockTransport()
        t.expect(method, path, status: code, json: status(code, reason, "it failed"))
        let client = try makeClient(t) { $0.maxRetries = 0 }
        do {
            _ = try await client.resource(ConfigMap.self).get("x")
            Issue.record("expected an error")
            return .transport("none")
        } catch let e as KubeError {
            return e
        }
    }

    @Test func predicatesMatchTheStatus() async throws {
        #expect(try await Self.failing(404, "NotFound").isNotFound)
        #expect(try await Self.failing(409, "Conflict").isConflict)
        let exists = try await Self.failing(409, "AlreadyExists")
        #expect(exists.isAlreadyExists)
        #expect(!exists.isConflict)
        #expect(try await Self.failing(410, "Expired").isGone)
        #expect(try await Self.failing(403, "Forbidden").isForbidden)
        #expect(try await Self.failing(401, "Unauthorized").isUnauthorized)
        #expect(try await Self.failing(429, "TooManyRequests").isTooManyRequests)
        let notFound = try await Self.failing(404, "NotFound")
        #expect(!notFound.isConflict && !notFound.isGone && !notFound.isInvalid)
        #expect(notFound.status?.message == "it failed")
    }

    @Test func invalidCarriesTheFailingFields() async throws {
        let t = MockTransport()
        let causes = [StatusCause(reason: "FieldValueInvalid", message: "must be no more than 63 characters", field: "metadata.name")]
        t.expect(.POST, "/api/v1/namespaces/ai/configmaps", status: 422, json: Self.status(422, "Invalid", "ConfigMap is invalid", causes: causes))
        let client = try makeClient(t)
        do {
            _ = try await client.resource(ConfigMap.self).create(ConfigMap(metadata: ObjectMeta(name: "x")))
            Issue.record("expected 422")
        } catch let e as KubeError {
            #expect(e.isInvalid)
            #expect(e.status?.details?.causes == causes)
        }
    }

    @Test func anErrorBodyThatIsNotAStatusIsSynthesised() async throws {
        let t = MockTransport()
        t.expect(.POST, "/api/v1/namespaces/ai/configmaps", answer: .response(TransportResponse(status: 502, body: Array("<html>bad gateway</html>".utf8))))
        let client = try makeClient(t)
        do {
            _ = try await client.resource(ConfigMap.self).create(ConfigMap(metadata: ObjectMeta(name: "x")))
            Issue.record("expected 502")
        } catch let e as KubeError {
            #expect(e.code == 502)
            #expect(e.status?.reason == "InternalError")
            #expect(e.status?.message == "<html>bad gateway</html>")
        }
    }

    @Test func tooManyRequestsIsRetriedHonouringRetryAfter() async throws {
        let t = MockTransport()
        t.expect(.POST, "/api/v1/namespaces/ai/configmaps", status: 429, json: Self.status(429, "TooManyRequests"), headers: [("Retry-After", "3")])
        t.expect(.POST, "/api/v1/namespaces/ai/configmaps", status: 429, json: Self.status(429, "TooManyRequests"), headers: [("Retry-After", "1")])
        t.expect(.POST, "/api/v1/namespaces/ai/configmaps", status: 201, json: ["metadata": ["name": "x"]])
        let clock = FakeClock()
        let observer = RecordingObserver()
        let client = try makeClient(t, clock: clock, observer: observer)
        _ = try await client.resource(ConfigMap.self).create(ConfigMap(metadata: ObjectMeta(name: "x")))
        #expect(clock.sleeps == [3, 1])
        #expect(observer.all.map(\.code) == [429, 429, 201])
        #expect(observer.all.map(\.attempt) == [0, 1, 2])
        #expect(observer.all.allSatisfy { $0.verb == .create && $0.resource?.resource == "configmaps" })
    }

    @Test func serverErrorsAreRetriedForReadsWithBackoff() async throws {
        let t = MockTransport()
        t.expect(.GET, "/api/v1/namespaces/ai/configmaps/x", status: 503, json: Self.status(503, "ServiceUnavailable"))
        t.expect(.GET, "/api/v1/namespaces/ai/configmaps/x", answer: .failure(.transport("connection reset by peer")))
        t.expect(.GET, "/api/v1/namespaces/ai/configmaps/x", json: ["metadata": ["name": "x"]])
        let clock = FakeClock()
        let client = try makeClient(t, clock: clock)
        _ = try await client.resource(ConfigMap.self).get("x")
        #expect(clock.sleeps.count == 2)
        // Exponential: 0.2 s then 0.4 s, each with at most 10 % jitter.
        #expect(clock.sleeps[0] >= 0.2 && clock.sleeps[0] < 0.22)
        #expect(clock.sleeps[1] >= 0.4 && clock.sleeps[1] < 0.44)
    }

    @Test func serverErrorsOnWritesAreNotRetried() async throws {
        let t = MockTransport()
        t.expect(.POST, "/api/v1/namespaces/ai/configmaps", status: 500, json: Self.status(500, "InternalError"))
        let clock = FakeClock()
        let client = try makeClient(t, clock: clock)
        await #expect(throws: KubeError.self) { _ = try await client.resource(ConfigMap.self).create(ConfigMap(metadata: ObjectMeta(name: "x"))) }
        #expect(clock.sleeps.isEmpty)
        #expect(t.received.count == 1)
    }

    @Test func retriesAreBounded() async throws {
        let t = MockTransport()
        for _ in 0..<4 { t.expect(.GET, "/api/v1/namespaces/ai/configmaps/x", status: 503, json: Self.status(503, "ServiceUnavailable")) }
        let clock = FakeClock()
        let client = try makeClient(t, clock: clock) { $0.maxRetries = 3 }
        do {
            _ = try await client.resource(ConfigMap.self).get("x")
            Issue.record("expected failure")
        } catch let e as KubeError {
            #expect(e.code == 503)
        }
        #expect(t.received.count == 4)
        #expect(clock.sleeps.count == 3)
    }

    @Test func retryAfterIsCapped() async throws {
        let t = MockTransport()
        t.expect(.GET, "/api/v1/namespaces/ai/configmaps/x", status: 429, json: Self.status(429, "TooManyRequests"), headers: [("Retry-After", "3600")])
        t.expect(.GET, "/api/v1/namespaces/ai/configmaps/x", json: ["metadata": ["name": "x"]])
        let clock = FakeClock()
        let client = try makeClient(t, clock: clock)
        _ = try await client.resource(ConfigMap.self).get("x")
        #expect(clock.sleeps == [KubernetesClient.retryMaxDelaySeconds])
    }
}

@Suite struct RateLimiterTests {
    @Test func burstThenQPS() async throws {
        let clock = FakeClock()
        let limiter = RateLimiter(qps: 10, burst: 3, clock: clock)
        // The burst goes through at once...
        #expect([limiter.reserve(), limiter.reserve(), limiter.reserve()] == [0, 0, 0])
        // ...then each further request waits 1/qps more than the previous one.
        let waits = [limiter.reserve(), limiter.reserve()]
        #expect(abs(waits[0] - 0.1) < 1e-9 && abs(waits[1] - 0.2) < 1e-9)
        // Tokens refill with time, up to the burst.
        clock.advance(10)
        #expect([limiter.reserve(), limiter.reserve(), limiter.reserve()] == [0, 0, 0])
        #expect(limiter.reserve() > 0)
    }

    @Test func theClientWaitsForTokens() async throws {
        let t = MockTransport()
        for _ in 0..<4 { t.expect(.GET, "/api/v1/namespaces/ai/configmaps/x", json: ["metadata": ["name": "x"]]) }
        let clock = FakeClock()
        let client = try makeClient(t, clock: clock) { $0.rateLimit = RateLimit(qps: 2, burst: 2) }
        for _ in 0..<4 { _ = try await client.resource(ConfigMap.self).get("x") }
        #expect(clock.sleeps.count == 2)
        #expect(clock.sleeps.allSatisfy { abs($0 - 0.5) < 1e-6 })
    }

    @Test func defaultsAreControllerRuntimes() {
        #expect(RateLimiter.defaultQPS == 20)
        #expect(RateLimiter.defaultBurst == 30)
        #expect(ClientConfiguration(server: "https://x").rateLimit == RateLimit(qps: 20, burst: 30))
    }
}
