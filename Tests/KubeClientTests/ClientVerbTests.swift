import Foundation
import Testing
@testable import KubeClient
import KubeCore

/// Every verb sends exactly the method, URL, headers and body it should.
@Suite struct ClientVerbTests {
    static let cmJSON: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "cfg", "namespace": "ai", "resourceVersion": "10"], "data": ["k": "v"]]

    @Test func typedGetCreateReplaceDelete() async throws {
        let t = MockTransport()
        t.expect(.GET, "/api/v1/namespaces/ai/configmaps/cfg", json: Self.cmJSON, check: { r in
            r.header("Accept") == "application/json" && r.header("User-Agent") == "dify-operator" ? nil : "missing Accept or User-Agent"
        })
        t.expect(.POST, "/api/v1/namespaces/ai/configmaps?fieldManager=tests", status: 201, json: Self.cmJSON, check: { r in
            let body = String(decoding: r.body ?? [], as: UTF8.self)
            return body == #"{"apiVersion":"v1","data":{"k":"v"},"kind":"ConfigMap","metadata":{"name":"cfg","namespace":"ai"}}"# ? nil : "body \(body)"
        })
        t.expect(.PUT, "/api/v1/namespaces/ai/configmaps/cfg", json: Self.cmJSON, check: { r in
            (try? JSONValue.parse(r.body ?? []))?["metadata"]["resourceVersion"] == "10" ? nil : "replace must send the resourceVersion"
        })
        t.expect(.DELETE, "/api/v1/namespaces/ai/configmaps/cfg?propagationPolicy=Foreground", json: ["kind": "Status", "apiVersion": "v1", "status": "Success"])
        let client = try makeClient(t)
        let cms = client.resource(ConfigMap.self)

        let got = try await cms.get("cfg")
        #expect(got.data == ["k": "v"])
        #expect(got.metadata.resourceVersion == "10")
        let created = try await cms.create(ConfigMap(metadata: ObjectMeta(name: "cfg", namespace: "ai"), data: ["k": "v"]), options: WriteOptions(fieldManager: "tests"))
        #expect(created.metadata.name == "cfg")
        _ = try await cms.replace(got)
        let deleted = try await cms.delete("cfg", options: DeleteOptions(propagationPolicy: .foreground))
        #expect(deleted == nil)
        #expect(t.failures.isEmpty, "\(t.failures)")
        #expect(t.remaining == 0)
    }

    @Test func deleteReturnsTheObjectWhileFinalizersHoldIt() async throws {
        let t = MockTransport()
        var obj = Self.cmJSON
        obj["metadata"]["deletionTimestamp"] = "2024-05-01T12:00:00Z"
        obj["metadata"]["finalizers"] = ["dify.ai/cleanup"]
        t.expect(.DELETE, "/api/v1/namespaces/ai/configmaps/cfg", json: obj)
        let client = try makeClient(t)
        let held = try await client.resource(ConfigMap.self).delete("cfg")
        #expect(held?.metadata.finalizers == ["dify.ai/cleanup"])
        #expect(held?.metadata.deletionTimestamp == Time(rfc3339: "2024-05-01T12:00:00Z"))
    }

    @Test func patchesOfEveryKind() async throws {
        let t = MockTransport()
        for (type, ct) in [(PatchType.merge, "application/merge-patch+json"), (.json, "application/json-patch+json"), (.strategicMerge, "application/strategic-merge-patch+json")] {
            t.expect(.PATCH, "/apis/apps/v1/namespaces/ai/deployments/web", json: ["metadata": ["name": "web"]], check: { r in
                r.header("Content-Type") == ct ? nil : "content type \(r.header("Content-Type") ?? "none") for \(type)"
            })
        }
        t.expect(.PATCH, "/apis/apps/v1/namespaces/ai/deployments/web?fieldManager=dify-operator&force=true", json: ["metadata": ["name": "web"]], check: { r in
            r.header("Content-Type") == "application/apply-patch+yaml" ? nil : "apply content type"
        })
        let client = try makeClient(t)
        let deps = client.resource(Deployment.self)
        _ = try await deps.patch("web", type: .merge, ["spec": ["replicas": 2]])
        _ = try await deps.patch("web", type: .json, [["op": "test", "path": "/metadata/finalizers", "value": []], ["op": "add", "path": "/metadata/finalizers/-", "value": "x"]])
        _ = try await deps.patch("web", type: .strategicMerge, ["spec": ["template": ["spec": ["containers": [["name": "c", "image": "i:2"]]]]]])
        _ = try await deps.apply(Deployment(metadata: ObjectMeta(name: "web", namespace: "ai")), fieldManager: "dify-operator")
        #expect(t.failures.isEmpty, "\(t.failures)")
        #expect(String(decoding: t.received[1].body ?? [], as: UTF8.self) == #"[{"op":"test","path":"/metadata/finalizers","value":[]},{"op":"add","path":"/metadata/finalizers/-","value":"x"}]"#)
    }

    @Test func statusAndScaleSubresources() async throws {
        let t = MockTransport()
        let dd: JSONValue = ["apiVersion": "dify.ai/v1alpha1", "kind": "DifyDeployment", "metadata": ["name": "chat", "namespace": "ai"], "status": ["phase": "Healthy"]]
        let scale: JSONValue = ["apiVersion": "autoscaling/v1", "kind": "Scale", "metadata": ["name": "chat", "namespace": "ai"], "spec": ["replicas": 3], "status": ["replicas": 2, "selector": "dify.ai/deployment=chat"]]
        let base = "/apis/dify.ai/v1alpha1/namespaces/ai/difydeployments/chat"
        t.expect(.GET, base + "/status", json: dd)
        t.expect(.PUT, base + "/status", json: dd)
        t.expect(.PATCH, base + "/status", json: dd, check: { $0.header("Content-Type") == "application/merge-patch+json" ? nil : "merge" })
        t.expect(.PATCH, base + "/status?fieldManager=dify-operator&force=true", json: dd)
        t.expect(.GET, base + "/scale", json: scale)
        t.expect(.PUT, base + "/scale", json: scale, check: { r in
            (try? JSONValue.parse(r.body ?? []))?["spec"]["replicas"] == 3 ? nil : "scale body"
        })
        t.expect(.PATCH, base + "/scale", json: scale)
        let client = try makeClient(t)
        let dds = client.dynamic(ResourceDescriptor(group: "dify.ai", version: "v1alpha1", resource: "difydeployments", kind: "DifyDeployment", scope: .namespaced))
        #expect(try await dds.getStatus("chat")["status"]["phase"] == "Healthy")
        _ = try await dds.replaceStatus(dd)
        _ = try await dds.patchStatus("chat", type: .merge, ["status": ["phase": "Degraded"]])
        _ = try await dds.applyStatus(dd, fieldManager: "dify-operator")
        let s = try await dds.getScale("chat")
        #expect(s.spec.replicas == 3)
        #expect(s.status?.selector == "dify.ai/deployment=chat")
        _ = try await dds.replaceScale("chat", scale: s)
        _ = try await dds.patchScale("chat", ["spec": ["replicas": 4]])
        #expect(t.failures.isEmpty, "\(t.failures)")
    }

    /// Fields no typed model knows survive a read-modify-write through the dynamic API.
    @Test func unknownFieldsSurviveDynamicReadModifyWrite() async throws {
        let t = MockTransport()
        let original: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": "web", "namespace": "ai", "resourceVersion": "3"],
            "spec": ["replicas": 1, "futureField": ["nested": [1, 2, 3]], "template": ["spec": ["containers": [["name": "c", "image": "i", "x-vendor": true]]]]],
        ]
        t.expect(.GET, "/apis/apps/v1/namespaces/ai/deployments/web", json: original)
        var modified = original
        modified["spec"]["replicas"] = 5
        let expected = modified
        t.expect(.PUT, "/apis/apps/v1/namespaces/ai/deployments/web", json: expected, check: { r in
            (try? JSONValue.parse(r.body ?? [])) == expected ? nil : "the PUT body lost or changed fields"
        })
        let client = try makeClient(t)
        let deps = client.dynamic(Deployment.descriptor)
        var obj = try await deps.get("web")
        obj["spec"]["replicas"] = 5
        _ = try await deps.replace(obj)
        #expect(t.failures.isEmpty, "\(t.failures)")
    }

    @Test func clusterScopedAndDefaultNamespace() async throws {
        let t = MockTransport()
        t.expect(.GET, "/api/v1/nodes/gpu-1", json: ["metadata": ["name": "gpu-1"]])
        t.expect(.GET, "/api/v1/namespaces/ai/configmaps/x", json: ["metadata": ["name": "x"]])
        t.expect(.GET, "/api/v1/namespaces/other/configmaps/x", json: ["metadata": ["name": "x"]])
        let client = try makeClient(t)
        #expect(try await client.resource(Node.self).get("gpu-1").metadata.name == "gpu-1")
        _ = try await client.resource(ConfigMap.self).get("x")
        _ = try await client.resource(ConfigMap.self).get("x", namespace: "other")
        #expect(t.failures.isEmpty, "\(t.failures)")
    }

    @Test func invalidRequestsFailBeforeAnyIO() async throws {
        let t = MockTransport()
        let client = try makeClient(t)
        await #expect(throws: KubeError.self) { _ = try await client.resource(ConfigMap.self).replace(ConfigMap()) }
        await #expect(throws: KubeError.self) { _ = try await client.resource(ConfigMap.self).get("") }
        #expect(t.received.isEmpty)
    }

    @Test func getIfExistsMapsNotFoundToNil() async throws {
        let t = MockTransport()
        t.expect(.GET, "/api/v1/namespaces/ai/configmaps/gone", status: 404, json: ["kind": "Status", "status": "Failure", "reason": "NotFound", "code": 404, "message": "configmaps \"gone\" not found"])
        let client = try makeClient(t)
        #expect(try await client.resource(ConfigMap.self).getIfExists("gone") == nil)
    }
}
