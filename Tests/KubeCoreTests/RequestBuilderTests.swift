import Testing
@testable import KubeCore

@Suite struct RequestBuilderTests {
    static let pods = ResourceDescriptor(group: "", version: "v1", resource: "pods", kind: "Pod", scope: .namespaced)
    static let nodes = ResourceDescriptor(group: "", version: "v1", resource: "nodes", kind: "Node", scope: .cluster)
    static let deployments = ResourceDescriptor(group: "apps", version: "v1", resource: "deployments", kind: "Deployment", scope: .namespaced)
    static let crds = ResourceDescriptor(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions", kind: "CustomResourceDefinition", scope: .cluster)
    static let dd = ResourceDescriptor(group: "dify.ai", version: "v1alpha1", resource: "difydeployments", kind: "DifyDeployment", scope: .namespaced)

    @Test func pathsForEveryScopeAndGroup() throws {
        #expect(try RequestBuilder.get(Self.pods, name: "p1", namespace: "ai").pathAndQuery == "/api/v1/namespaces/ai/pods/p1")
        #expect(try RequestBuilder.get(Self.nodes, name: "n1", namespace: nil).pathAndQuery == "/api/v1/nodes/n1")
        #expect(try RequestBuilder.get(Self.deployments, name: "d", namespace: "ai").pathAndQuery == "/apis/apps/v1/namespaces/ai/deployments/d")
        #expect(try RequestBuilder.get(Self.crds, name: "difymodels.dify.ai", namespace: nil).pathAndQuery == "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/difymodels.dify.ai")
        #expect(try RequestBuilder.list(Self.pods, namespace: nil).pathAndQuery == "/api/v1/pods")
        #expect(try RequestBuilder.list(Self.deployments, namespace: "ai").pathAndQuery == "/apis/apps/v1/namespaces/ai/deployments")
        #expect(try RequestBuilder.list(Self.nodes, namespace: nil).pathAndQuery == "/api/v1/nodes")
    }

    @Test func subresources() throws {
        #expect(try RequestBuilder.get(Self.dd, name: "chat", namespace: "ai", subresource: "status").pathAndQuery == "/apis/dify.ai/v1alpha1/namespaces/ai/difydeployments/chat/status")
        let scale = try RequestBuilder.replace(Self.deployments, name: "d", namespace: "ai", subresource: "scale", body: [])
        #expect(scale.method == .PUT)
        #expect(scale.pathAndQuery == "/apis/apps/v1/namespaces/ai/deployments/d/scale")
        #expect(scale.subresource == "scale")
        let node = try RequestBuilder.patch(Self.nodes, name: "n1", namespace: nil, subresource: "status", type: .merge, body: [])
        #expect(node.pathAndQuery == "/api/v1/nodes/n1/status")
    }

    @Test func listAndWatchQueryParameters() throws {
        let opts = ListOptions(labelSelector: "app=web,tier in (a,b)", fieldSelector: "metadata.name=x", limit: 500, continueToken: "tok/en=", resourceVersion: "12", resourceVersionMatch: .notOlderThan, timeoutSeconds: 290, allowWatchBookmarks: true)
        #expect(try RequestBuilder.list(Self.pods, namespace: "ai", options: opts).pathAndQuery ==
            "/api/v1/namespaces/ai/pods?allowWatchBookmarks=true&continue=tok%2Fen%3D&fieldSelector=metadata.name%3Dx&labelSelector=app%3Dweb%2Ctier+in+%28a%2Cb%29&limit=500&resourceVersion=12&resourceVersionMatch=NotOlderThan&timeoutSeconds=290")
        let watch = try RequestBuilder.watch(Self.deployments, namespace: nil, options: ListOptions(resourceVersion: "42", timeoutSeconds: 290, allowWatchBookmarks: true))
        #expect(watch.pathAndQuery == "/apis/apps/v1/deployments?allowWatchBookmarks=true&resourceVersion=42&timeoutSeconds=290&watch=true")
        #expect(watch.verb == .watch)
        #expect(try RequestBuilder.list(Self.pods, namespace: "ai", options: ListOptions(labelSelector: "!canary,env notin (prod)")).pathAndQuery ==
            "/api/v1/namespaces/ai/pods?labelSelector=%21canary%2Cenv+notin+%28prod%29")
    }

    @Test func writesCarryFieldManagerDryRunAndForce() throws {
        let create = try RequestBuilder.create(Self.deployments, namespace: "ai", body: Array("{}".utf8), options: WriteOptions(fieldManager: "dify-operator", dryRun: true))
        #expect(create.method == .POST)
        #expect(create.pathAndQuery == "/apis/apps/v1/namespaces/ai/deployments?dryRun=All&fieldManager=dify-operator")
        #expect(create.header("content-type") == "application/json")
        let apply = try RequestBuilder.patch(Self.dd, name: "chat", namespace: "ai", type: .apply, body: [], options: PatchOptions(fieldManager: "dify-operator", force: true))
        #expect(apply.pathAndQuery == "/apis/dify.ai/v1alpha1/namespaces/ai/difydeployments/chat?fieldManager=dify-operator&force=true")
        #expect(apply.header("Content-Type") == "application/apply-patch+yaml")
        #expect(apply.verb == .apply)
    }

    @Test(arguments: [
        (PatchType.merge, "application/merge-patch+json"),
        (.json, "application/json-patch+json"),
        (.strategicMerge, "application/strategic-merge-patch+json"),
        (.apply, "application/apply-patch+yaml"),
    ])
    func patchContentTypes(type: PatchType, contentType: String) throws {
        #expect(type.contentType == contentType)
        #expect(PatchType(contentType: contentType + "; charset=utf-8") == type)
        let r = try RequestBuilder.patch(Self.pods, name: "p", namespace: "ai", type: type, body: [], options: PatchOptions(fieldManager: "m"))
        #expect(r.header("Content-Type") == contentType)
        #expect(r.method == .PATCH)
    }

    @Test func deleteWithPropagationAndPreconditions() throws {
        let simple = try RequestBuilder.delete(Self.deployments, name: "d", namespace: "ai", options: DeleteOptions(propagationPolicy: .foreground))
        #expect(simple.pathAndQuery == "/apis/apps/v1/namespaces/ai/deployments/d?propagationPolicy=Foreground")
        #expect(simple.body == nil)
        let guarded = try RequestBuilder.delete(Self.pods, name: "p", namespace: "ai", options: DeleteOptions(propagationPolicy: .background, preconditions: Preconditions(uid: "u-1", resourceVersion: "7"), dryRun: true))
        #expect(guarded.pathAndQuery == "/api/v1/namespaces/ai/pods/p?dryRun=All&propagationPolicy=Background")
        #expect(String(decoding: guarded.body ?? [], as: UTF8.self) ==
            #"{"apiVersion":"v1","dryRun":["All"],"kind":"DeleteOptions","preconditions":{"resourceVersion":"7","uid":"u-1"},"propagationPolicy":"Background"}"#)
        let collection = try RequestBuilder.deleteCollection(Self.pods, namespace: "ai", listOptions: ListOptions(labelSelector: "a=b"), options: DeleteOptions(propagationPolicy: .orphan))
        #expect(collection.pathAndQuery == "/api/v1/namespaces/ai/pods?labelSelector=a%3Db&propagationPolicy=Orphan")
        #expect(collection.verb == .deleteCollection)
    }

    @Test func rejectsRequestsThatCannotBeRight() {
        #expect(throws: RequestBuildError.self) { try RequestBuilder.get(Self.pods, name: "p", namespace: nil) }
        #expect(throws: RequestBuildError.self) { try RequestBuilder.get(Self.nodes, name: "n", namespace: "ai") }
        #expect(throws: RequestBuildError.self) { try RequestBuilder.get(Self.pods, name: "", namespace: "ai") }
        #expect(throws: RequestBuildError.self) { try RequestBuilder.patch(Self.pods, name: "p", namespace: "ai", type: .apply, body: []) }
        #expect(throws: RequestBuildError.self) { try RequestBuilder.patch(Self.pods, name: "p", namespace: "ai", type: .merge, body: [], options: PatchOptions(force: true)) }
    }

    @Test func namesAreEscapedInPaths() throws {
        let r = try RequestBuilder.get(Self.nodes, name: "a b/c", namespace: nil)
        #expect(r.path == "/api/v1/nodes/a%20b%2Fc")
    }

    @Test func metricVerbLabels() {
        #expect(APIVerb.allCases.map(\.metricLabel) == ["GET", "LIST", "WATCH", "POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION"])
    }
}
