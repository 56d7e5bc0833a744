import Foundation
import KubeClient
import EmulatorTestSupport
import KubeCore
import Testing
@testable import KubeEmulator

/// The emulator's API semantics, exercised through the project's client over real HTTPS:
/// the client issue's scenarios again, against a server instead of a mock.
@Suite struct EmulatorAPITests {
    @Test func authenticationIsRequiredExceptForPublicEndpoints() async throws {
        try await EmulatorHarness.with { h in
            let version = try await h.raw(.GET, "/version")
            #expect(version.status == 200)
            let transport = try AsyncHTTPTransport(configuration: h.client.configuration)
            let anonymous = try await transport.send(TransportRequest(method: .GET, url: h.emulator.serverURL + "/api/v1/namespaces", headers: [], body: nil, timeoutSeconds: 10))
            #expect(anonymous.status == 401)
            let wrong = try await transport.send(TransportRequest(method: .GET, url: h.emulator.serverURL + "/api/v1/namespaces", headers: [("Authorization", "Bearer nope")], body: nil, timeoutSeconds: 10))
            #expect(wrong.status == 401)
            try await transport.shutdown()
        }
    }

    @Test func createSetsServerFieldsAndRejectsDuplicates() async throws {
        try await EmulatorHarness.with { h in
            let cms = h.client.resource(ConfigMap.self)
            let created = try await cms.create(.named("a"))
            #expect(created.metadata.uid?.isEmpty == false)
            #expect(created.metadata.resourceVersion?.isEmpty == false)
            #expect(created.metadata.creationTimestamp != nil)
            do {
                _ = try await cms.create(.named("a"))
                Issue.record("expected AlreadyExists")
            } catch let e as KubeError {
                #expect(e.isAlreadyExists)
                #expect(e.status?.message == "configmaps \"a\" already exists")
            }
            let got = try await cms.get("a", namespace: "default")
            #expect(got.metadata.uid == created.metadata.uid)
        }
    }

    @Test func staleUpdatesConflictAndNoOpUpdatesWriteNothing() async throws {
        try await EmulatorHarness.with { h in
            let cms = h.client.resource(ConfigMap.self)
            let v1 = try await cms.create(.named("c"))
            var change = v1
            change.data = ["k": "v2"]
            let v2 = try await cms.replace(change)
            #expect(v2.metadata.resourceVersion != v1.metadata.resourceVersion)
            do {
                _ = try await cms.replace(change)  // still carries v1's resourceVersion
                Issue.record("expected Conflict")
            } catch let e as KubeError {
                #expect(e.isConflict)
                #expect(e.code == 409)
            }
            let same = try await cms.replace(v2)
            #expect(same.metadata.resourceVersion == v2.metadata.resourceVersion)
        }
    }

    @Test func generationMovesOnlyWithTheSpec() async throws {
        try await EmulatorHarness.with { h in
            let deps = h.client.dynamic(Deployment.descriptor)
            let d = try await deps.create(Self.deployment("web"), namespace: "default")
            #expect(d["metadata"]["generation"] == 1)
            let labelled = try await deps.patch("web", namespace: "default", type: .merge, ["metadata": ["labels": ["x": "y"]]])
            #expect(labelled["metadata"]["generation"] == 1)
            let scaled = try await deps.patch("web", namespace: "default", type: .merge, ["spec": ["replicas": 3]])
            #expect(scaled["metadata"]["generation"] == 2)
            // Writes to the main resource ignore status; writes to /status ignore the rest.
            let ignored = try await deps.patch("web", namespace: "default", type: .merge, ["status": ["replicas": 9]])
            #expect(ignored["status"]["replicas"] != 9)
            let status = try await deps.patchStatus("web", namespace: "default", type: .merge, ["status": ["replicas": 9], "spec": ["replicas": 7]])
            #expect(status["status"]["replicas"] == 9)
            #expect(status["spec"]["replicas"] == 3)
            #expect(status["metadata"]["generation"] == 2)
        }
    }

    static func deployment(_ name: String, replicas: Int64 = 1) -> JSONValue {
        ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name)],
         "spec": ["replicas": .int(replicas), "selector": ["matchLabels": ["app": .string(name)]],
                  "template": ["metadata": ["labels": ["app": .string(name)]], "spec": ["containers": [["name": "c", "image": "nginx:1"]]]]]]
    }

    @Test func patchKinds() async throws {
        try await EmulatorHarness.with { h in
            let deps = h.client.dynamic(Deployment.descriptor)
            _ = try await deps.create(Self.deployment("p"), namespace: "default")
            let smp = try await deps.patch("p", namespace: "default", type: .strategicMerge, ["spec": ["template": ["spec": ["containers": [["name": "sidecar", "image": "busybox"]]]]]])
            #expect(smp["spec"]["template"]["spec"]["containers"].arrayValue?.compactMap { $0["name"].stringValue }.sorted() == ["c", "sidecar"])
            let merge = try await deps.patch("p", namespace: "default", type: .merge, ["spec": ["template": ["spec": ["containers": [["name": "only", "image": "x"]]]]]])
            #expect(merge["spec"]["template"]["spec"]["containers"].arrayValue?.count == 1)
            let json = try await deps.patch("p", namespace: "default", type: .json, [["op": "add", "path": "/metadata/finalizers", "value": ["example.com/x"]]])
            #expect(json.finalizers == ["example.com/x"])
            do {
                _ = try await deps.patch("p", namespace: "default", type: .json, [["op": "test", "path": "/metadata/finalizers", "value": []], ["op": "remove", "path": "/metadata/finalizers"]])
                Issue.record("a failed test operation must fail the patch")
            } catch let e as KubeError {
                #expect(e.code == 422)
            }
            #expect(try await deps.get("p", namespace: "default").finalizers == ["example.com/x"])
        }
    }

    @Test func badRequestsGetKubeAPIServerAnswers() async throws {
        try await EmulatorHarness.with { h in
            let malformed = try await h.raw(.POST, "/api/v1/namespaces/default/configmaps", body: Array("{not json".utf8))
            #expect(malformed.status == 400)
            let badName = try await h.raw(.POST, "/api/v1/namespaces/default/configmaps", body: Array(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Bad_Name"}}"#.utf8))
            #expect(badName.status == 422)
            let status = try JSONValue.parse(badName.body)
            #expect(status["reason"] == "Invalid")
            #expect(status["details"]["causes"][0]["field"] == "metadata.name")
            let unknown = try await h.raw(.GET, "/apis/example.com/v1/widgets")
            #expect(unknown.status == 404)
            let missingNS = try await h.raw(.POST, "/api/v1/namespaces/nowhere/configmaps", body: Array(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}"#.utf8))
            #expect(missingNS.status == 404)
            let huge = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\"" + String(repeating: "x", count: 3 * 1024 * 1024 + 10) + "\"}}"
            let tooLarge = try await h.raw(.POST, "/api/v1/namespaces/default/configmaps", body: Array(huge.utf8))
            #expect(tooLarge.status == 413)
            let wrongKind = try await h.raw(.POST, "/api/v1/namespaces/default/configmaps", body: Array(#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"}}"#.utf8))
            #expect(wrongKind.status == 400)
        }
    }

    @Test func selectorsAndPagination() async throws {
        try await EmulatorHarness.with { h in
            let cms = h.client.resource(ConfigMap.self)
            for i in 0..<7 { _ = try await cms.create(.named("cm-\(i)", labels: ["tier": i % 2 == 0 ? "even" : "odd"])) }
            let even = try await cms.list(namespace: "default", options: ListOptions(labelSelector: "tier=even"))
            #expect(even.items.map { $0.metadata.name! } == ["cm-0", "cm-2", "cm-4", "cm-6"])
            let notOdd = try await cms.list(namespace: "default", options: ListOptions(labelSelector: "tier notin (odd)"))
            #expect(notOdd.items.count == 4)
            let byName = try await cms.list(namespace: "default", options: ListOptions(fieldSelector: "metadata.name=cm-3"))
            #expect(byName.items.map { $0.metadata.name! } == ["cm-3"])
            let page = try await cms.listPage(namespace: "default", options: ListOptions(limit: 3))
            #expect(page.items.count == 3)
            #expect(page.metadata.continue != nil)
            #expect(page.metadata.remainingItemCount == 4)
            let all = try await cms.list(namespace: "default", options: ListOptions(limit: 2))
            #expect(all.items.count == 7)
            // An expired continue token answers 410; the client's pager starts over.
            let first = try await cms.listPage(namespace: "default", options: ListOptions(limit: 2))
            h.emulator.api.store.compact()
            h.emulator.api.pager.expireAll()
            do {
                _ = try await cms.listPage(namespace: "default", options: ListOptions(limit: 2, continueToken: first.metadata.continue))
                Issue.record("expected 410")
            } catch let e as KubeError {
                #expect(e.isGone)
            }
        }
    }
}
