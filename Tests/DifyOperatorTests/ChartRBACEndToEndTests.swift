import DifyAPI
import EmulatorTestSupport
import Foundation
import KubeClient
import KubeCore
import Testing

/// The end-to-end suites run the operator as the chart's ServiceAccount with the chart's RBAC
/// enforced by the emulator (see ``OperatorHarness``). Here: the rules are necessary, not just
/// sufficient: take one away and the operator is refused, and says so.
@Suite(.serialized) struct ChartRBACEndToEndTests {
    static let manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: ai}
        ---
        apiVersion: dify.ai/v1alpha1
        kind: DifyModel
        metadata: {name: llama, namespace: ai}
        spec:
          source: {uri: "hf://meta-llama/Meta-Llama-3-8B-Instruct"}
          size: {parameters: 8B}
          resources:
            gpu: {count: 1}
        """

    @Test func theChartsRulesAreEnoughAndNothingIsRefused() async throws {
        try await OperatorHarness.with { o in
            try await o.apply(yaml: Self.manifests)
            #expect(try await pollUntil(timeout: 20) { try await o.model("llama").status?.phase == "Ready" })
            #expect(o.emulator.api.metrics.count(code: 403) == 0)
        }
    }

    @Test func removingOneNeededRuleIsCaught() async throws {
        // The chart's ClusterRole without `create` on batch/jobs: preload Jobs cannot be created.
        let rbac = try OperatorHarness.chartRBAC { items in
            for i in items.indices where items[i]["kind"] == "ClusterRole" {
                let rules = (items[i]["rules"].arrayValue ?? []).map { rule -> JSONValue in
                    guard rule["resources"] == ["jobs"] else { return rule }
                    var r = rule
                    r["verbs"] = .array((rule["verbs"].arrayValue ?? []).filter { $0 != "create" })
                    return r
                }
                items[i]["rules"] = .array(rules)
            }
        }
        try await OperatorHarness.with(rbac: rbac) { o in
            try await o.apply(yaml: Self.manifests)
            #expect(try await pollUntil(timeout: 20) {
                try await o.client.resource(Event.self).list(namespace: "ai").items.contains { $0.reason == "ApplyFailed" && ($0.note ?? "").contains("forbidden") }
            })
            #expect(o.emulator.api.metrics.count(resource: "jobs", code: 403) > 0)
            #expect(try await o.model("llama").status?.phase != "Ready")
            #expect(try await o.client.resource(Job.self).list(namespace: "ai").items.isEmpty)
        }
    }
}
