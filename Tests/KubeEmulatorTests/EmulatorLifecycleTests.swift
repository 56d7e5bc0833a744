import Foundation
import KubeClient
import EmulatorTestSupport
import KubeCore
import Testing
@testable import KubeEmulator

/// Deletion semantics: finalizers, owner-reference garbage collection (background, foreground,
/// orphan), namespace deletion, and CustomResourceDefinitions coming and going.
@Suite struct EmulatorLifecycleTests {
    @Test func finalizersHoldAnObjectUntilRemoved() async throws {
        try await EmulatorHarness.with { h in
            let cms = h.client.dynamic(ConfigMap.descriptor)
            var cm: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "held", "finalizers": ["example.com/keep"]]]
            cm = try await cms.create(cm, namespace: "default")
            let deleting = try await h.raw(.DELETE, "/api/v1/namespaces/default/configmaps/held")
            #expect(deleting.status == 202)
            let held = try await cms.get("held", namespace: "default")
            #expect(!held["metadata"]["deletionTimestamp"].isNull)
            // Adding a finalizer to an object being deleted is forbidden.
            do {
                _ = try await cms.patch("held", namespace: "default", type: .json, [["op": "add", "path": "/metadata/finalizers/-", "value": "example.com/more"]])
                Issue.record("expected Forbidden")
            } catch let e as KubeError { #expect(e.isForbidden) }
            // Removing the last finalizer (with a test operation guarding the list) deletes it.
            _ = try? await cms.patch("held", namespace: "default", type: .json, [["op": "test", "path": "/metadata/finalizers", "value": ["example.com/keep"]], ["op": "remove", "path": "/metadata/finalizers"]])
            #expect(try await cms.getIfExists("held", namespace: "default") == nil)
        }
    }

    static func owned(_ name: String, by owner: JSONValue, block: Bool = true) -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "ownerReferences": [["apiVersion": "v1", "kind": "ConfigMap", "name": owner["metadata"]["name"], "uid": owner["metadata"]["uid"], "controller": true, "blockOwnerDeletion": .bool(block)]]]]
    }

    @Test func backgroundDeletionCollectsDependents() async throws {
        try await EmulatorHarness.with { h in
            let cms = h.client.dynamic(ConfigMap.descriptor)
            let owner = try await cms.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "owner"]], namespace: "default")
            _ = try await cms.create(Self.owned("child", by: owner), namespace: "default")
            try await cms.delete("owner", namespace: "default")
            #expect(try await h.eventually { try await cms.getIfExists("child", namespace: "default") == nil })
        }
    }

    @Test func foregroundDeletionWaitsForDependents() async throws {
        try await EmulatorHarness.with { h in
            let cms = h.client.dynamic(ConfigMap.descriptor)
            let owner = try await cms.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "fg"]], namespace: "default")
            var child = Self.owned("fg-child", by: owner)
            child["metadata"]["finalizers"] = ["example.com/slow"]
            _ = try await cms.create(child, namespace: "default")
            try await cms.delete("fg", namespace: "default", options: DeleteOptions(propagationPolicy: .foreground))
            // The owner waits (foregroundDeletion finalizer) while its blocking dependent exists.
            #expect(try await h.eventually { try await cms.getIfExists("fg-child", namespace: "default")?.isBeingDeleted == true })
            let waiting = try await cms.get("fg", namespace: "default")
            #expect(waiting.finalizers == ["foregroundDeletion"])
            _ = try await cms.patch("fg-child", namespace: "default", type: .merge, ["metadata": ["finalizers": nil]])
            #expect(try await h.eventually { try await cms.getIfExists("fg", namespace: "default") == nil })
        }
    }

    @Test func orphanDeletionKeepsDependents() async throws {
        try await EmulatorHarness.with { h in
            let cms = h.client.dynamic(ConfigMap.descriptor)
            let owner = try await cms.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "orph"]], namespace: "default")
            _ = try await cms.create(Self.owned("orph-child", by: owner), namespace: "default")
            try await cms.delete("orph", namespace: "default", options: DeleteOptions(propagationPolicy: .orphan))
            #expect(try await h.eventually { try await cms.getIfExists("orph", namespace: "default") == nil })
            let child = try await cms.get("orph-child", namespace: "default")
            #expect(child["metadata"]["ownerReferences"].isNull)
        }
    }

    @Test func deletingANamespaceDeletesItsObjects() async throws {
        try await EmulatorHarness.with { h in
            let namespaces = h.client.resource(Namespace.self)
            _ = try await namespaces.create(Namespace(metadata: ObjectMeta(name: "doomed")))
            let cms = h.client.resource(ConfigMap.self)
            _ = try await cms.create(.named("inside", "doomed"))
            try await namespaces.delete("doomed")
            // While terminating, nothing new may be created in it.
            let refused = try await h.raw(.POST, "/api/v1/namespaces/doomed/configmaps", body: Array(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"late"}}"#.utf8))
            #expect(refused.status == 403 || refused.status == 404)
            #expect(try await h.eventually { try await namespaces.getIfExists("doomed") == nil })
            #expect(try await cms.list(namespace: "doomed").items.isEmpty)
        }
    }

    static let widgetCRD: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "widgets.example.com"],
        "spec": [
            "group": "example.com", "scope": "Namespaced",
            "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"], "categories": ["all"]],
            "versions": [[
                "name": "v1", "served": true, "storage": true,
                "subresources": ["status": .emptyObject, "scale": ["specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas", "labelSelectorPath": ".status.selector"]],
                "schema": ["openAPIV3Schema": [
                    "type": "object", "description": "A widget.",
                    "properties": [
                        "spec": ["type": "object", "description": "What the widget should be.", "required": ["size"], "properties": [
                            "size": ["type": "string", "enum": ["small", "large"], "description": "How big."],
                            "replicas": ["type": "integer", "minimum": 0, "default": 1],
                            "color": ["type": "string", "default": "blue"],
                        ]],
                        "status": ["type": "object", "properties": ["replicas": ["type": "integer"], "selector": ["type": "string"]]],
                    ],
                ]],
            ]],
        ],
    ]

    @Test func customResourcesAreServedValidatedDefaultedAndWithdrawn() async throws {
        try await EmulatorHarness.with { h in
            let crds = h.client.dynamic(CustomResourceDefinition.descriptor)
            _ = try await crds.create(Self.widgetCRD)
            let established = try await h.eventually {
                let c = try await crds.get("widgets.example.com")
                return c["status"]["conditions"].arrayValue?.contains { $0["type"] == "Established" && $0["status"] == "True" } == true
            }
            #expect(established)
            let discovery = try JSONValue.parse(try await h.raw(.GET, "/apis/example.com/v1").body)
            #expect(discovery["resources"].arrayValue?.compactMap { $0["name"].stringValue }.sorted() == ["widgets", "widgets/scale", "widgets/status"])

            let widgets = h.client.dynamic(ResourceDescriptor(group: "example.com", version: "v1", resource: "widgets", kind: "Widget", scope: .namespaced))
            let w = try await widgets.create(["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w1"], "spec": ["size": "small", "unknown": 1]], namespace: "default")
            #expect(w["spec"]["replicas"] == 1)       // defaulted
            #expect(w["spec"]["color"] == "blue")
            #expect(!w["spec"].hasKey("unknown"))      // pruned
            do {
                _ = try await widgets.create(["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w2"], "spec": ["size": "huge", "replicas": -1]], namespace: "default")
                Issue.record("expected 422")
            } catch let e as KubeError {
                #expect(e.isInvalid)
                #expect(Set(e.status?.details?.causes?.compactMap(\.field) ?? []) == ["spec.size", "spec.replicas"])
            }
            // The scale subresource maps onto spec.replicas.
            let scaled = try await widgets.patchScale("w1", namespace: "default", ["spec": ["replicas": 4]])
            #expect(scaled.spec.replicas == 4)
            #expect(try await widgets.get("w1", namespace: "default")["spec"]["replicas"] == 4)

            try await crds.delete("widgets.example.com")
            #expect(try await h.eventually { try await crds.getIfExists("widgets.example.com") == nil })
            let gone = try await h.raw(.GET, "/apis/example.com/v1/namespaces/default/widgets")
            #expect(gone.status == 404)
        }
    }

    @Test func serverSideApplyOwnsFieldsAndConflicts() async throws {
        try await EmulatorHarness.with { h in
            let cms = h.client.dynamic(ConfigMap.descriptor)
            let intent: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "ssa", "namespace": "default"], "data": ["a": "1", "b": "2"]]
            let first = try await cms.apply(intent, fieldManager: "alpha", force: false)
            #expect(first["data"] == ["a": "1", "b": "2"])
            #expect(first["metadata"]["managedFields"][0]["manager"] == "alpha")
            #expect(first["metadata"]["managedFields"][0]["operation"] == "Apply")
            // Re-applying the same intent writes nothing.
            let again = try await cms.apply(intent, fieldManager: "alpha", force: false)
            #expect(again.resourceVersion == first.resourceVersion)
            // Another manager changing a field alpha owns conflicts unless forced.
            let other: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "ssa", "namespace": "default"], "data": ["a": "changed"]]
            do {
                _ = try await cms.apply(other, fieldManager: "beta", force: false)
                Issue.record("expected a conflict")
            } catch let e as KubeError {
                #expect(e.isConflict)
                #expect(e.status?.details?.causes?.first?.field == ".data.a")
            }
            let forced = try await cms.apply(other, fieldManager: "beta", force: true)
            #expect(forced["data"]["a"] == "changed")
            // alpha stops applying b: b is removed (nobody else owns it).
            let shrunk = try await cms.apply(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "ssa", "namespace": "default"], "data": [:]], fieldManager: "alpha", force: false)
            #expect(shrunk["data"]["b"].isNull)
            #expect(shrunk["data"]["a"] == "changed")
        }
    }

    @Test func metricsCountRequestsByVerbAndCode() async throws {
        try await EmulatorHarness.with { h in
            let cms = h.client.resource(ConfigMap.self)
            _ = try await cms.create(.named("m"))
            _ = try await cms.get("m", namespace: "default")
            _ = try? await cms.get("absent", namespace: "default")
            let text = String(decoding: try await h.raw(.GET, "/metrics").body, as: UTF8.self)
            #expect(text.contains(#"apiserver_request_total{code="201",group="",resource="configmaps",subresource="",verb="POST",version="v1"} 1"#))
            #expect(text.contains(#"apiserver_request_total{code="200",group="",resource="configmaps",subresource="",verb="GET",version="v1"} 1"#))
            #expect(text.contains(#"apiserver_request_total{code="404",group="",resource="configmaps",subresource="",verb="GET",version="v1"} 1"#))
            #expect(h.emulator.api.metrics.writes(resource: "configmaps") == 1)
        }
    }

    @Test func injectedFaultsAreRetriedByTheClient() async throws {
        try await EmulatorHarness.with { h in
            let cms = h.client.resource(ConfigMap.self)
            _ = try await cms.create(.named("f"))
            let inject = try await h.raw(.POST, "/emulator/faults/errors", body: Array(#"{"code":429,"rate":1,"verbs":["GET"],"resources":["configmaps"]}"#.utf8))
            #expect(inject.status == 200)
            let failing = Task { try await cms.get("f", namespace: "default") }
            // The client retries 429 honouring Retry-After (1 s); clearing the fault lets it through.
            #expect(await h.eventually { h.emulator.api.metrics.count(verb: "GET", resource: "configmaps", code: 429) >= 1 })
            h.emulator.api.faults.clear()
            #expect(try await failing.value.metadata.name == "f")
        }
    }
}
