import KubeCore
import Testing

@testable import KubeMachinery

@Suite("OpenAPI publishing for custom resources")
struct OpenAPIPublisherTests {
    static var resource: OpenAPIResourceVersion {
        OpenAPIResourceVersion(
            group: "dify.ai", version: "v1alpha1", kind: "DifyModel", plural: "difymodels", namespaced: true,
            schema: DifyModelFixture.schema, hasStatusSubresource: true, hasScaleSubresource: true)
    }

    static var crd: CustomResourceDefinition {
        CustomResourceDefinition(
            metadata: ObjectMeta(name: "difymodels.dify.ai"),
            spec: CustomResourceDefinitionSpec(
                group: "dify.ai", names: CustomResourceDefinitionNames(plural: "difymodels", singular: "difymodel", kind: "DifyModel"),
                scope: "Namespaced",
                versions: [
                    CustomResourceDefinitionVersion(
                        name: "v1alpha1", served: true, storage: true,
                        schema: CustomResourceValidation(openAPIV3Schema: DifyModelFixture.schemaJSON),
                        subresources: CustomResourceSubresources(status: .emptyObject)),
                    CustomResourceDefinitionVersion(name: "v1alpha0", served: false, storage: false),
                ]))
    }

    let model = "ai.dify.v1alpha1.DifyModel"
    let objectMetaRef = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"

    @Test func modelNamesReverseTheGroup() {
        #expect(OpenAPIPublisher.modelName(group: "dify.ai", version: "v1alpha1", kind: "DifyModel") == "ai.dify.v1alpha1.DifyModel")
        #expect(OpenAPIPublisher.modelName(group: "serving.example.com", version: "v1", kind: "Model") == "com.example.serving.v1.Model")
    }

    @Test func resourceVersionsFromCRD() {
        let versions = OpenAPIResourceVersion.all(from: Self.crd)
        #expect(versions.count == 1)
        #expect(versions[0].listKind == "DifyModelList")
        #expect(versions[0].namespaced && versions[0].hasStatusSubresource && !versions[0].hasScaleSubresource)
        #expect(versions[0].schema == DifyModelFixture.schema)
    }

    @Test func v3KindDefinition() {
        let doc = OpenAPIPublisher.v3Document(for: [Self.resource])
        #expect(doc["openapi"] == "3.0.0")
        let kind = doc["components"]["schemas"][model]
        #expect(kind["x-kubernetes-group-version-kind"] == [["group": "dify.ai", "kind": "DifyModel", "version": "v1alpha1"]])
        #expect(kind["description"] == "DifyModel is a model served by the operator.")
        #expect(
            kind["properties"]["metadata"] == [
                "allOf": [["$ref": .string("#/components/schemas/" + objectMetaRef)]],
                "description": "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
            ])
        #expect(kind["properties"]["apiVersion"]["type"] == "string")
        #expect(kind["properties"]["kind"]["description"].stringValue?.hasPrefix("Kind is a string value") == true)
        let spec = kind["properties"]["spec"]
        #expect(spec["required"] == ["source", "engine"])
        #expect(spec["properties"]["source"]["properties"]["uri"]["pattern"] == "^(hf|s3|oci)://[a-z0-9./_-]+$")
        #expect(spec["properties"]["replicas"]["default"] == 1)
        #expect(spec["properties"]["quantization"]["nullable"] == true)
        #expect(spec["properties"]["engineConfig"]["x-kubernetes-preserve-unknown-fields"] == true)
        #expect(spec["properties"]["ports"]["x-kubernetes-list-map-keys"] == ["name"])
        #expect(spec["x-kubernetes-validations"] == [["rule": "self.replicas <= 10 || !self.autoscaling.enabled", "message": "too many replicas"]])
        // int-or-string is unfolded when the schema does not carry the anyOf itself.
        #expect(spec["properties"]["resources"]["properties"]["memory"] == ["x-kubernetes-int-or-string": true, "anyOf": [["type": "integer"], ["type": "string"]]])
        // Embedded resources get TypeMeta/ObjectMeta properties.
        let template = spec["properties"]["template"]
        #expect(template["required"] == ["kind", "apiVersion"])
        #expect(template["properties"]["metadata"]["allOf"] == [["$ref": .string("#/components/schemas/" + objectMetaRef)]])
        #expect(template["properties"]["apiVersion"]["description"].stringValue?.hasPrefix("apiVersion defines") == true)
    }

    @Test func v3ListAndMetaDefinitions() {
        let schemas = OpenAPIPublisher.v3Document(for: [Self.resource])["components"]["schemas"]
        let list = schemas["ai.dify.v1alpha1.DifyModelList"]
        #expect(list["x-kubernetes-group-version-kind"] == [["group": "dify.ai", "kind": "DifyModelList", "version": "v1alpha1"]])
        #expect(list["required"] == ["items"])
        #expect(list["properties"]["items"]["items"] == ["$ref": .string("#/components/schemas/" + model)])
        #expect(list["properties"]["metadata"]["allOf"] == [["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"]])
        #expect(list["description"] == "DifyModelList is a list of DifyModel")
        let meta = schemas[objectMetaRef]
        #expect(meta["properties"]["name"]["description"].stringValue?.hasPrefix("Name must be unique within a namespace.") == true)
        #expect(meta["properties"]["labels"]["additionalProperties"] == ["type": "string"])
        #expect(meta["properties"]["creationTimestamp"]["allOf"] == [["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time"]])
        for name in [
            "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta", "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference",
            "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry", "io.k8s.apimachinery.pkg.apis.meta.v1.Time",
            "io.k8s.apimachinery.pkg.apis.meta.v1.Status", "io.k8s.apimachinery.pkg.apis.meta.v1.Patch", "io.k8s.api.autoscaling.v1.Scale",
        ] {
            #expect(schemas[name]["type"] != .null, "missing \(name)")
        }
        // Every reference resolves within the document.
        #expect(danglingRefs(OpenAPIPublisher.v3Document(for: [Self.resource]), prefix: "#/components/schemas/", in: "components.schemas").isEmpty)
    }

    @Test func v3PathsCarryTheGVK() {
        let paths = OpenAPIPublisher.v3Document(for: [Self.resource])["paths"]
        let gvk: JSONValue = ["group": "dify.ai", "kind": "DifyModel", "version": "v1alpha1"]
        let list = paths["/apis/dify.ai/v1alpha1/namespaces/{namespace}/difymodels"]["get"]
        #expect(list["x-kubernetes-group-version-kind"] == gvk)
        #expect(list["x-kubernetes-action"] == "list")
        #expect(list["operationId"] == "listDifyAiV1alpha1NamespacedDifyModel")
        #expect(list["tags"] == ["difyAi_v1alpha1"])
        #expect(list["description"] == "list objects of kind DifyModel")
        #expect(list["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/ai.dify.v1alpha1.DifyModelList")
        let all = paths["/apis/dify.ai/v1alpha1/difymodels"]["get"]
        #expect(all["operationId"] == "listDifyAiV1alpha1DifyModelForAllNamespaces")
        let item = paths["/apis/dify.ai/v1alpha1/namespaces/{namespace}/difymodels/{name}"]
        #expect(item["get"]["operationId"] == "readDifyAiV1alpha1NamespacedDifyModel")
        #expect(item["patch"]["requestBody"]["content"]["*/*"]["schema"]["$ref"] == "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch")
        #expect(item["delete"]["description"] == "delete a DifyModel")
        #expect(paths["/apis/dify.ai/v1alpha1/namespaces/{namespace}/difymodels"]["delete"]["operationId"] == "deleteDifyAiV1alpha1CollectionNamespacedDifyModel")
        let status = paths["/apis/dify.ai/v1alpha1/namespaces/{namespace}/difymodels/{name}/status"]["put"]
        #expect(status["operationId"] == "replaceDifyAiV1alpha1NamespacedDifyModelStatus")
        #expect(status["description"] == "replace status of the specified DifyModel")
        let scale = paths["/apis/dify.ai/v1alpha1/namespaces/{namespace}/difymodels/{name}/scale"]["get"]
        #expect(scale["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/io.k8s.api.autoscaling.v1.Scale")
    }

    @Test func v2Definitions() {
        let doc = OpenAPIPublisher.v2Document(for: [Self.resource])
        #expect(doc["swagger"] == "2.0")
        let kind = doc["definitions"][model]
        #expect(kind["x-kubernetes-group-version-kind"] == [["group": "dify.ai", "kind": "DifyModel", "version": "v1alpha1"]])
        #expect(
            kind["properties"]["metadata"] == [
                "$ref": .string("#/definitions/" + objectMetaRef),
                "description": "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
            ])
        let spec = kind["properties"]["spec"]
        // v2: no defaults, no junctors, nullable fields untyped, preserved subtrees untyped.
        #expect(spec["properties"]["replicas"] == ["type": "integer", "format": "int32", "minimum": 0, "maximum": 10])
        #expect(spec["properties"]["quantization"] == ["description": "Quantization method, null for none."])
        #expect(spec["properties"]["nodeSelector"] == ["additionalProperties": ["type": "string"]])
        #expect(spec["properties"]["engineConfig"] == ["description": "Free-form engine settings.", "x-kubernetes-preserve-unknown-fields": true])
        #expect(spec["properties"]["resources"]["properties"]["gpu"] == ["x-kubernetes-int-or-string": true, "pattern": "^[0-9]+$"])
        #expect(spec["properties"]["template"] == ["x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true])
        #expect(doc["definitions"]["ai.dify.v1alpha1.DifyModelList"]["properties"]["items"]["items"] == ["$ref": .string("#/definitions/" + model)])
        #expect(doc["paths"]["/apis/dify.ai/v1alpha1/namespaces/{namespace}/difymodels"]["post"]["x-kubernetes-group-version-kind"]["kind"] == "DifyModel")
        #expect(danglingRefs(doc, prefix: "#/definitions/", in: "definitions").isEmpty)
        #expect(doc["definitions"]["io.k8s.api.autoscaling.v1.ScaleSpec"]["properties"]["replicas"]["default"] == .null)
    }

    @Test func v2RootPreservingUnknownFieldsIsABareObject() throws {
        var r = Self.resource
        r.schema = try StructuralSchema(["type": "object", "x-kubernetes-preserve-unknown-fields": true])
        let kind = OpenAPIPublisher.definitions(for: r, v2: true)[model]
        #expect(kind == ["type": "object", "x-kubernetes-group-version-kind": [["group": "dify.ai", "kind": "DifyModel", "version": "v1alpha1"]]])
        r.schema = nil
        #expect(OpenAPIPublisher.definitions(for: r, v2: false)[model]?["type"] == "object")
    }

    @Test func v3DiscoveryIndex() {
        let documents = OpenAPIPublisher.v3Documents(for: [Self.resource])
        #expect(Array(documents.keys) == ["apis/dify.ai/v1alpha1"])
        let index = OpenAPIPublisher.v3Discovery(documents: documents)
        let url = index["paths"]["apis/dify.ai/v1alpha1"]["serverRelativeURL"].stringValue ?? ""
        let hash = OpenAPIPublisher.hash(of: documents["apis/dify.ai/v1alpha1"]!)
        #expect(url == "/openapi/v3/apis/dify.ai/v1alpha1?hash=" + hash)
        #expect(hash.count == 128 && hash.allSatisfy { "0123456789ABCDEF".contains($0) })
    }

    @Test func sha512KnownAnswers() {
        #expect(
            SchemaSHA512.hexDigest(Array("abc".utf8))
                == "DDAF35A193617ABACC417349AE20413112E6FA4E89A97EA20A9EEEE64B55D39A2192992A274FC1A836BA3C23A3FEEBBD454D4423643CE80E2A9AC94FA54CA49F")
        #expect(
            SchemaSHA512.hexDigest([])
                == "CF83E1357EEFB8BDF1542850D66D8007D620E4050B5715DC83F4A921D36CE9CE47D0D13C5D85F2B0FF8318D2877EEC2F63B931BD47417A81A538327AF927DA3E")
        let long = Array(String(repeating: "a", count: 1000).utf8)
        #expect(SchemaSHA512.hexDigest(long).count == 128)
        #expect(
            SchemaSHA512.hexDigest(Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8))
                == "8E959B75DAE313DA8CF4F72814FC143F8F7779C6EB9F7FA17299AEADB6889018501D289E4900F7E4331B99DEC4B5433AC7D329EEB6DD26545E96E55B874BE909")
    }

    /// Walks the v3 document the way `kubectl explain difymodels.spec.source` does (plaintext
    /// template): GVK from the resource path, schema by GVK, then properties, `$ref` and `allOf`.
    @Test func kubectlExplainCanFollowFields() throws {
        let doc = OpenAPIPublisher.v3Documents(for: OpenAPIResourceVersion.all(from: Self.crd))["apis/dify.ai/v1alpha1"]!
        let gvk = try #require(explainGVK(doc, resource: "difymodels", group: "dify.ai", version: "v1alpha1"))
        #expect(gvk == ["group": "dify.ai", "kind": "DifyModel", "version": "v1alpha1"])
        let source = try #require(explainField(doc, gvk: gvk, path: ["spec", "source"]))
        #expect(source["description"] == "Where the model weights come from.")
        #expect(source["properties"]["uri"]["description"] == "URI of the weights, e.g. hf://org/model.")
        #expect(source["required"] == ["uri"])
        let engineType = try #require(explainField(doc, gvk: gvk, path: ["spec", "engine", "type"]))
        #expect(engineType["enum"] == ["vLLM", "Ollama"])
        let labels = try #require(explainField(doc, gvk: gvk, path: ["metadata", "labels"]))
        #expect(labels["description"].stringValue?.hasPrefix("Map of string keys and values") == true)
        #expect(explainField(doc, gvk: gvk, path: ["spec", "nope"]) == nil)
    }

    // MARK: Helpers

    func explainGVK(_ doc: JSONValue, resource: String, group: String, version: String) -> JSONValue? {
        let prefix = "/apis/\(group)/\(version)"
        for path in ["\(prefix)/\(resource)", "\(prefix)/\(resource)/{name}", "\(prefix)/namespaces/{namespace}/\(resource)", "\(prefix)/namespaces/{namespace}/\(resource)/{name}"] {
            for method in ["get", "post", "put", "patch", "delete"] {
                let gvk = doc["paths"][path][method]["x-kubernetes-group-version-kind"]
                if gvk != .null { return gvk }
            }
        }
        return nil
    }

    func resolve(_ schema: JSONValue, _ doc: JSONValue) -> JSONValue {
        if let ref = schema["$ref"].stringValue { return doc["components"]["schemas"][String(ref.dropFirst("#/components/schemas/".count))] }
        return schema
    }

    func explainField(_ doc: JSONValue, gvk: JSONValue, path: [String]) -> JSONValue? {
        guard let root = doc["components"]["schemas"].objectValue?.values.first(where: { $0["x-kubernetes-group-version-kind"].arrayValue?.contains(gvk) == true }) else { return nil }
        func follow(_ schema: JSONValue, _ path: ArraySlice<String>) -> JSONValue? {
            let resolved = resolve(schema, doc)
            guard let first = path.first else { return resolved }
            if resolved["properties"][first] != .null { return follow(resolved["properties"][first], path.dropFirst()) }
            if resolved["items"] != .null { return follow(resolved["items"], path) }
            for sub in resolved["allOf"].arrayValue ?? [] { if let found = follow(sub, path) { return found } }
            return nil
        }
        return follow(root, path[...])
    }

    func danglingRefs(_ doc: JSONValue, prefix: String, in container: String) -> [String] {
        let defs = container.split(separator: ".").reduce(doc) { $0[String($1)] }
        var missing: [String] = []
        func walk(_ v: JSONValue) {
            switch v {
            case .object(let o):
                if let ref = o["$ref"]?.stringValue, defs[String(ref.dropFirst(prefix.count))] == .null { missing.append(ref) }
                o.values.forEach(walk)
            case .array(let a): a.forEach(walk)
            default: break
            }
        }
        walk(doc)
        return missing
    }
}
