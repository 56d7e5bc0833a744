import KubeCore

/// Everything that makes one of the operator's kinds a CustomResourceDefinition: the kind's
/// names and scope (from its ``KubeResource`` type), the schema of its single version, printer
/// columns and subresources. ``json`` renders the `apiextensions.k8s.io/v1
/// CustomResourceDefinition` object.
struct CustomResourceDefinitionBuilder: Sendable {
    /// `kind`, e.g. `DifyModel`.
    var kind: String
    /// `plural`, e.g. `difymodels`; the CRD is named `<plural>.<group>`.
    var plural: String
    /// `Namespaced` or `Cluster`.
    var scope: ResourceScope
    /// Short names for `kubectl get`, e.g. `dm`.
    var shortNames: [String]
    /// The `openAPIV3Schema` of the version.
    var schema: SchemaNode
    /// `additionalPrinterColumns`, in display order.
    var columns: [PrinterColumn]
    /// The `/scale` subresource's paths, when the kind has one.
    var scale: CustomResourceSubresourceScale?

    init<R: KubeResource>(
        _ resource: R.Type, shortNames: [String], schema: SchemaNode, columns: [PrinterColumn],
        scale: CustomResourceSubresourceScale? = nil
    ) {
        kind = R.kind
        plural = R.plural
        scope = R.scope
        self.shortNames = shortNames
        self.schema = schema
        self.columns = columns
        self.scale = scale
    }

    /// `metadata.name`: `<plural>.<group>`.
    var name: String { "\(plural).\(DifyAPIGroup.name)" }

    /// The CRD: group ``DifyAPIGroup/name``, one version ``DifyAPIGroup/version`` (served and
    /// stored), category ``DifyAPIGroup/category``, the `/status` subresource always.
    var json: JSONValue {
        var subresources: JSONValue = ["status": .emptyObject]
        if let scale {
            var paths: JSONValue = [
                "specReplicasPath": .string(scale.specReplicasPath),
                "statusReplicasPath": .string(scale.statusReplicasPath),
            ]
            if let selector = scale.labelSelectorPath { paths["labelSelectorPath"] = .string(selector) }
            subresources["scale"] = paths
        }
        let version: JSONValue = [
            "name": .string(DifyAPIGroup.version),
            "served": true,
            "storage": true,
            "schema": ["openAPIV3Schema": schema.json],
            "subresources": subresources,
            "additionalPrinterColumns": .array(columns.map(\.json)),
        ]
        return [
            "apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition",
            "metadata": ["name": .string(name)],
            "spec": [
                "group": .string(DifyAPIGroup.name),
                "scope": .string(scope.rawValue),
                "names": [
                    "kind": .string(kind),
                    "listKind": .string(kind + "List"),
                    "plural": .string(plural),
                    "singular": .string(kind.lowercased()),
                    "shortNames": .array(shortNames.map { .string($0) }),
                    "categories": [.string(DifyAPIGroup.category)],
                ],
                "versions": [version],
            ],
        ]
    }
}
