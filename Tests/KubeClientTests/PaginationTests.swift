import Testing
@testable import KubeClient
import KubeCore

/// LIST pages through `limit`/`continue` transparently, and starts over when a token expires.
@Suite struct PaginationTests {
    static func page(_ names: [String], rv: String, next: String?) -> JSONValue {
        var meta: JSONValue = ["resourceVersion": .string(rv)]
        if let next { meta["continue"] = .string(next) }
        return ["kind": "ConfigMapList", "apiVersion": "v1", "metadata": meta, "items": .array(names.map { ["metadata": ["name": .string($0)]] })]
    }

    @Test func followsContinueTokens() async throws {
        let t = MockTransport()
        t.expect(.GET, "/api/v1/namespaces/ai/configmaps?labelSelector=app%3Dweb&limit=2", json: Self.page(["a", "b"], rv: "100", next: "t1"))
        t.expect(.GET, "/api/v1/namespaces/ai/configmaps?continue=t1&labelSelector=app%3Dweb&limit=2", json: Self.page(["c", "d"], rv: "100", next: "t2"))
        t.expect(.GET, "/api/v1/namespaces/ai/configmaps?continue=t2&labelSelector=app%3Dweb&limit=2", json: Self.page(["e"], rv: "100", next: nil))
        let client = try makeClient(t) { $0.pageSize = 2 }
        let list = try await client.resource(ConfigMap.self).list(namespace: "ai", options: ListOptions(labelSelector: "app=web"))
        #expect(list.items.map { $0.metadata.name! } == ["a", "b", "c", "d", "e"])
        #expect(list.metadata.resourceVersion == "100")
        #expect(list.metadata.continue == nil)
        #expect(t.failures.isEmpty, "\(t.failures)")
    }

    @Test func anExpiredContinueTokenRestartsTheList() async throws {
        let t = MockTransport()
        t.expect(.GET, "/api/v1/configmaps?limit=2", json: Self.page(["a", "b"], rv: "100", next: "t1"))
        t.expect(.GET, "/api/v1/configmaps?continue=t1&limit=2", status: 410, json: ClientErrorTests.status(410, "Expired", "The provided continue parameter is too old"))
        t.expect(.GET, "/api/v1/configmaps", json: Self.page(["a", "b", "c"], rv: "200", next: nil))
        let client = try makeClient(t) { $0.pageSize = 2 }
        let list = try await client.resource(ConfigMap.self).list(namespace: nil)
        #expect(list.items.map { $0.metadata.name! } == ["a", "b", "c"])
        #expect(list.metadata.resourceVersion == "200")
        #expect(t.failures.isEmpty, "\(t.failures)")
    }

    @Test func dynamicListsDecodeUnstructuredItems() async throws {
        let t = MockTransport()
        t.expect(.GET, "/apis/apps/v1/namespaces/ai/deployments?limit=500", json: ["metadata": ["resourceVersion": "5"], "items": [["metadata": ["name": "x"], "spec": ["custom": 1]]]])
        let client = try makeClient(t)
        let list = try await client.dynamic(Deployment.descriptor).list(namespace: "ai")
        #expect(list.items.first?["spec"]["custom"] == 1)
    }
}
