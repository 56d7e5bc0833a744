import EmulatorTestSupport
import Foundation
import KubeClient
import KubeCore
import Testing

/// Server-side apply to the status subresource records the manager's ownership (with
/// `subresource: status`) and removes what the manager stopped applying, as on the main resource.
@Suite struct StatusApplyTests {
    static let crd: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "gadgets.example.com"],
        "spec": [
            "group": "example.com", "scope": "Namespaced",
            "names": ["plural": "gadgets", "singular": "gadget", "kind": "Gadget"],
            "versions": [[
                "name": "v1", "served": true, "storage": true, "subresources": ["status": .emptyObject],
                "schema": ["openAPIV3Schema": ["type": "object", "properties": [
                    "spec": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                    "status": ["type": "object", "properties": [
                        "phase": ["type": "string"],
                        "note": ["type": "string"],
                        "items": ["type": "array", "items": ["type": "object", "properties": ["name": ["type": "string"]]]],
                    ]],
                ]]],
            ]],
        ],
    ]

    @Test func applyToStatusRecordsOwnershipAndRemovesWhatIsNoLongerApplied() async throws {
        try await EmulatorHarness.with { h in
            let crds = h.client.dynamic(CustomResourceDefinition.descriptor)
            _ = try await crds.create(Self.crd)
            #expect(try await h.eventually {
                try await crds.get("gadgets.example.com")["status"]["conditions"].arrayValue?.contains { $0["type"] == "Established" && $0["status"] == "True" } == true
            })
            let gadgets = h.client.dynamic(ResourceDescriptor(group: "example.com", version: "v1", resource: "gadgets", kind: "Gadget", scope: .namespaced))
            _ = try await gadgets.create(["apiVersion": "example.com/v1", "kind": "Gadget", "metadata": ["name": "g"], "spec": ["a": 1]], namespace: "default")
            func applyStatus(_ status: JSONValue) async throws -> JSONValue {
                let body: JSONValue = ["apiVersion": "example.com/v1", "kind": "Gadget", "metadata": ["name": "g", "namespace": "default"], "status": status]
                return try await gadgets.patch("g", namespace: "default", type: .apply, body: body.serialized(), subresource: "status", options: PatchOptions(fieldManager: "ctl", force: true))
            }
            _ = try await applyStatus(["phase": "A", "note": "n", "items": [["name": "x1"], ["name": "x2"]]])
            let after = try await applyStatus(["phase": "B", "items": [["name": "x2"]]])
            #expect(after["status"] == ["phase": "B", "items": [["name": "x2"]]], "note removed, the atomic list replaced")
            let entry = try #require(after["metadata"]["managedFields"].arrayValue?.first { $0["manager"] == "ctl" })
            #expect(entry["operation"] == "Apply")
            #expect(entry["subresource"] == "status")
            #expect(entry["fieldsV1"]["f:status"]["f:phase"] == .emptyObject)
            #expect(!entry["fieldsV1"]["f:status"].hasKey("f:note"))
            // The main resource's apply does not see the status manager's fields as its own.
            let stored = try await gadgets.get("g", namespace: "default")
            #expect(stored["spec"]["a"] == 1)
        }
    }
}
