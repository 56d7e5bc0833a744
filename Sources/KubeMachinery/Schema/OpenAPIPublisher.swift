import KubeCore

/// One served version of a custom resource, as the OpenAPI publisher needs it.
public struct OpenAPIResourceVersion: Sendable, Equatable {
    /// The API group, e.g. `dify.ai`.
    public var group: String
    /// The version name, e.g. `v1alpha1`.
    public var version: String
    /// The kind, e.g. `DifyModel`.
    public var kind: String
    /// The list kind, `<Kind>List` unless the CRD says otherwise.
    public var listKind: String
    /// The resource (plural) name, e.g. `difymodels`.
    public var plural: String
    /// Whether the scope is `Namespaced` (paths under `/namespaces/{namespace}/`).
    public var namespaced: Bool
    /// The structural schema; nil publishes `{type: object}` (as for a non-structural schema).
    public var schema: StructuralSchema?
    /// Publishes the `/status` paths.
    public var hasStatusSubresource: Bool
    /// Publishes the `/scale` paths (and the autoscaling/v1 Scale definitions).
    public var hasScaleSubresource: Bool
    /// The deprecated CRD-level `spec.preserveUnknownFields: true`.
    public var preserveUnknownFields: Bool

    /// A resource version; `listKind` defaults to `<kind>List`.
    public init(
        group: String, version: String, kind: String, listKind: String? = nil, plural: String, namespaced: Bool,
        schema: StructuralSchema?, hasStatusSubresource: Bool = false, hasScaleSubresource: Bool = false,
        preserveUnknownFields: Bool = false
    ) {
        self.group = group
        self.version = version
        self.kind = kind
        self.listKind = listKind ?? kind + "List"
        self.plural = plural
        self.namespaced = namespaced
        self.schema = schema
        self.hasStatusSubresource = hasStatusSubresource
        self.hasScaleSubresource = hasScaleSubresource
        self.preserveUnknownFields = preserveUnknownFields
    }

    /// The served versions of a CRD. A schema that is not structural is published as
    /// `{type: object}`, like kube-apiserver does.
    public static func all(from crd: CustomResourceDefinition) -> [OpenAPIResourceVersion] {
        guard let spec = crd.spec else { return [] }
        return spec.versions.filter(\.served).map { v in
            OpenAPIResourceVersion(
                group: spec.group, version: v.name, kind: spec.names.kind, listKind: spec.names.listKind,
                plural: spec.names.plural, namespaced: spec.scope == "Namespaced",
                schema: (try? StructuralSchema.forVersion(v.name, of: crd)) ?? nil,
                hasStatusSubresource: v.subresources?.status != nil, hasScaleSubresource: v.subresources?.scale != nil,
                preserveUnknownFields: spec.preserveUnknownFields ?? false)
        }
    }
}

/// What kube-apiserver publishes for custom resources at `/openapi/v2` and `/openapi/v3`
/// (apiextensions-apiserver's OpenAPI builder), as pure functions. This is what `kubectl explain`
/// reads: it looks up the group-version document from the `/openapi/v3` index, finds the kind
/// through the `x-kubernetes-group-version-kind` of the resource's paths and schemas, and prints
/// the `description`s along the field path.
///
/// - Definition names reverse the group: `ai.dify.v1alpha1.DifyModel` (and `...DifyModelList`).
/// - Each kind's schema is the CRD schema plus `apiVersion`, `kind` (TypeMeta descriptions) and
///   `metadata` (a reference to `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`), and
///   `x-kubernetes-group-version-kind: [{group, kind, version}]`; embedded resources get the same
///   three properties and `required: [kind, apiVersion]`.
/// - v3 keeps everything (`nullable`, junctors, defaults, extensions; int-or-string is unfolded
///   to `anyOf: [{type: integer}, {type: string}]`); references with siblings become
///   `allOf: [{$ref}]`.
/// - v2 follows kube's `ToStructuralOpenAPIV2`: no junctors, `nullable` nodes become untyped,
///   preserve-unknown-fields nodes lose their properties, defaults are removed; a kind whose root
///   preserves unknown fields is published as a bare `{type: object}`.
/// - Built-in definitions the documents reference (ObjectMeta, ListMeta, ..., Status, Patch,
///   Scale) are included, since the emulator serves no built-in OpenAPI.
public enum OpenAPIPublisher {
    static let definitionsPrefix = "#/definitions/"

    /// `<reversed group>.<version>.<kind>`, e.g. `ai.dify.v1alpha1.DifyModel`.
    public static func modelName(group: String, version: String, kind: String) -> String {
        let reversed = group.split(separator: ".", omittingEmptySubsequences: false).reversed().joined(separator: ".")
        return "\(reversed).\(version).\(kind)"
    }

    /// The kind and list-kind definitions of one resource version, in v2 or v3 form.
    public static func definitions(for r: OpenAPIResourceVersion, v2: Bool) -> [String: JSONValue] {
        let kindName = modelName(group: r.group, version: r.version, kind: r.kind)
        let listName = modelName(group: r.group, version: r.version, kind: r.listKind)
        var kind = kindSchema(r, v2: v2)
        var list = listSchema(r)
        if v2 {
            kind = OpenAPISchemaWalk.pruneDefaults(kind)
        } else {
            kind = OpenAPISchemaWalk.toV3(kind)
            list = OpenAPISchemaWalk.toV3(list)
        }
        return [kindName: kind, listName: list]
    }

    /// A Swagger 2.0 document (`/openapi/v2`) with the paths and definitions of every resource
    /// version given, plus the built-in definitions they reference.
    public static func v2Document(for resources: [OpenAPIResourceVersion], serverVersion: String = "v1.36.0") -> JSONValue {
        var definitions = OpenAPIMetaDefinitions.all(includeScale: resources.contains(where: \.hasScaleSubresource))
            .mapValues(OpenAPISchemaWalk.pruneDefaults)
        var paths: [String: JSONValue] = [:]
        for r in resources {
            for (k, v) in Self.definitions(for: r, v2: true) { definitions[k] = v }
            for (k, v) in OpenAPIPaths.paths(for: r, v2: true) { paths[k] = v }
        }
        return [
            "swagger": "2.0",
            "info": ["title": "Kubernetes", "version": .string(serverVersion)],
            "paths": .object(paths),
            "definitions": .object(definitions),
        ]
    }

    /// The OpenAPI 3.0 document of one group-version (`/openapi/v3/apis/<group>/<version>`),
    /// made of the given resource versions (all of the same group-version).
    public static func v3Document(for resources: [OpenAPIResourceVersion]) -> JSONValue {
        var schemas = OpenAPIMetaDefinitions.all(includeScale: resources.contains(where: \.hasScaleSubresource))
            .mapValues(OpenAPISchemaWalk.toV3)
        var paths: [String: JSONValue] = [:]
        for r in resources {
            for (k, v) in definitions(for: r, v2: false) { schemas[k] = v }
            for (k, v) in OpenAPIPaths.paths(for: r, v2: false) { paths[k] = v }
        }
        return [
            "openapi": "3.0.0",
            "info": ["title": "Kubernetes CRD Swagger", "version": "v0.1.0"],
            "paths": .object(paths),
            "components": ["schemas": .object(schemas)],
        ]
    }

    /// One v3 document per group-version, keyed by its discovery path (`apis/<group>/<version>`).
    public static func v3Documents(for resources: [OpenAPIResourceVersion]) -> [String: JSONValue] {
        Dictionary(grouping: resources) { "apis/\($0.group)/\($0.version)" }.mapValues(v3Document)
    }

    /// The `/openapi/v3` index: `{"paths": {"apis/<g>/<v>": {"serverRelativeURL":
    /// "/openapi/v3/apis/<g>/<v>?hash=<HASH>"}}}`. The hash is ``hash(of:)`` of each document, so
    /// the server must serve exactly `document.serialized()` for the URL to be consistent.
    public static func v3Discovery(documents: [String: JSONValue]) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for (path, document) in documents {
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash(of: document))")]
        }
        return ["paths": .object(paths)]
    }

    /// kube-openapi's ETag/hash of a document: upper-case hex SHA-512 of its serialised JSON
    /// (``JSONValue/serialized()``).
    public static func hash(of document: JSONValue) -> String {
        SchemaSHA512.hexDigest(document.serialized())
    }

    // MARK: Schemas

    static func gvk(_ r: OpenAPIResourceVersion, kind: String) -> JSONValue {
        [["group": .string(r.group), "kind": .string(kind), "version": .string(r.version)]]
    }

    /// `buildKubeNative`, in v2 form (references to `#/definitions/`).
    static func kindSchema(_ r: OpenAPIResourceVersion, v2: Bool) -> JSONValue {
        var ret: JSONValue
        if let schema = r.schema {
            var s = OpenAPISchemaConversion.unfold(schema)
            if v2 && (s.preserveUnknownFields || r.preserveUnknownFields) {
                ret = ["type": "object"]
            } else {
                if v2 { s = OpenAPISchemaConversion.toV2(s) }
                ret = OpenAPISchemaConversion.json(s)
                var props = ret["properties"].objectValue ?? [:]
                props["metadata"] = OpenAPIMetaDefinitions.ref(OpenAPIMetaDefinitions.objectMeta, OpenAPIMetaDefinitions.objectMetadataDoc)
                props["apiVersion"] = OpenAPIMetaDefinitions.typeMetaAPIVersion
                props["kind"] = OpenAPIMetaDefinitions.typeMetaKind
                ret["properties"] = .object(props)
                ret = addEmbeddedProperties(ret, v2: v2)
            }
        } else {
            ret = ["type": "object"]
        }
        ret["x-kubernetes-group-version-kind"] = gvk(r, kind: r.kind)
        return ret
    }

    /// `addEmbeddedProperties`: `apiVersion`, `kind`, `metadata` for embedded resources.
    static func addEmbeddedProperties(_ schema: JSONValue, v2: Bool) -> JSONValue {
        guard case .object(var o) = schema else { return schema }
        if case .object(let props)? = o["properties"] {
            o["properties"] = .object(props.mapValues { addEmbeddedProperties($0, v2: v2) })
        }
        if let items = o["items"] { o["items"] = addEmbeddedProperties(items, v2: v2) }
        if let ap = o["additionalProperties"], case .object = ap { o["additionalProperties"] = addEmbeddedProperties(ap, v2: v2) }
        if v2 && o["x-kubernetes-preserve-unknown-fields"] == true { return .object(o) }
        guard o["x-kubernetes-embedded-resource"] == true else { return .object(o) }
        var props = o["properties"]?.objectValue ?? [:]
        props["apiVersion"] = OpenAPIMetaDefinitions.string(OpenAPIMetaDefinitions.embeddedAPIVersionDoc)
        props["kind"] = OpenAPIMetaDefinitions.string(OpenAPIMetaDefinitions.embeddedKindDoc)
        props["metadata"] = OpenAPIMetaDefinitions.ref(OpenAPIMetaDefinitions.objectMeta, OpenAPIMetaDefinitions.objectMetadataDoc)
        o["properties"] = .object(props)
        var required = o["required"]?.arrayValue ?? []
        let had = Set(required.compactMap(\.stringValue))
        if !had.contains("kind") { required.append("kind") }
        if !had.contains("apiVersion") { required.append("apiVersion") }
        o["required"] = .array(required)
        return .object(o)
    }

    /// `buildListSchema`.
    static func listSchema(_ r: OpenAPIResourceVersion) -> JSONValue {
        let kindRef = definitionsPrefix + modelName(group: r.group, version: r.version, kind: r.kind)
        return [
            "type": "object",
            "description": .string("\(r.listKind) is a list of \(r.kind)"),
            "required": ["items"],
            "properties": [
                "items": [
                    "type": "array",
                    "description": .string("List of \(r.plural). More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md"),
                    "items": ["$ref": .string(kindRef)],
                ],
                "metadata": OpenAPIMetaDefinitions.ref(OpenAPIMetaDefinitions.listMeta, OpenAPIMetaDefinitions.listMetadataDoc),
                "apiVersion": OpenAPIMetaDefinitions.typeMetaAPIVersion,
                "kind": OpenAPIMetaDefinitions.typeMetaKind,
            ],
            "x-kubernetes-group-version-kind": gvk(r, kind: r.listKind),
        ]
    }
}
