import Foundation
import KubeCore
import KubeMachinery

/// `/openapi/v2` and `/openapi/v3`: full schemas for custom resources (so `kubectl explain`
/// teaches their fields) and, for built-in kinds, the PATCH operations with their
/// `fieldValidation` parameter, which is what kubectl checks before relying on server-side
/// field validation. Built-in schemas themselves are not published.
enum OpenAPI {
    static func customResources(_ registry: ResourceRegistry) -> [OpenAPIResourceVersion] {
        registry.all.filter(\.isCustom).sorted { ($0.group, $0.version, $0.plural) < ($1.group, $1.version, $1.plural) }.map { d in
            OpenAPIResourceVersion(group: d.group, version: d.version, kind: d.kind, plural: d.plural, namespaced: d.isNamespaced, schema: d.schema, hasStatusSubresource: d.hasStatus, hasScaleSubresource: d.scale != nil)
        }
    }

    /// One v3 document per group-version, keyed `api/v1` or `apis/<group>/<version>`.
    static func v3Documents(_ registry: ResourceRegistry) -> [String: JSONValue] {
        var docs = OpenAPIPublisher.v3Documents(for: customResources(registry))
        let builtins = Dictionary(grouping: registry.all.filter { !$0.isCustom && $0.verbs.contains("patch") }, by: { $0.group.isEmpty ? "api/\($0.version)" : "apis/\($0.group)/\($0.version)" })
        for (key, defs) in builtins {
            var paths: [String: JSONValue] = [:]
            for d in defs.sorted(by: { $0.plural < $1.plural }) {
                let prefix = "/" + key + (d.isNamespaced ? "/namespaces/{namespace}" : "")
                let gvk: JSONValue = ["group": .string(d.group), "version": .string(d.version), "kind": .string(d.kind)]
                let params: JSONValue = [
                    ["name": "fieldValidation", "in": "query", "description": "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.", "schema": ["type": "string", "uniqueItems": true]],
                    ["name": "fieldManager", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
                    ["name": "dryRun", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
                ]
                let op: JSONValue = ["operationId": .string("patch\(d.kind)"), "x-kubernetes-action": "patch", "x-kubernetes-group-version-kind": gvk, "parameters": params, "responses": ["200": ["description": "OK"]]]
                paths["\(prefix)/\(d.plural)/{name}"] = ["patch": op]
            }
            docs[key] = ["openapi": "3.0.0", "info": ["title": "Kubernetes", "version": .string("v\(Discovery.major).\(Discovery.minor).0")], "paths": .object(paths), "components": ["schemas": .emptyObject]]
        }
        return docs
    }

    static func handle(_ path: String, registry: ResourceRegistry) -> APIResponse? {
        if path == "/openapi/v2" {
            return .json(OpenAPIPublisher.v2Document(for: customResources(registry), serverVersion: "v\(Discovery.major).\(Discovery.minor).0"))
        }
        guard path.hasPrefix("/openapi/v3") else { return nil }
        let docs = v3Documents(registry)
        if path == "/openapi/v3" || path == "/openapi/v3/" { return .json(OpenAPIPublisher.v3Discovery(documents: docs)) }
        let key = String(path.dropFirst("/openapi/v3/".count))
        guard let doc = docs[key] else { return nil }
        return .full(status: 200, headers: [("Content-Type", "application/json")], body: doc.serialized())
    }
}
