import KubeCore

extension FieldSet {
    /// The fields kube-apiserver never records in `managedFields`: `apiVersion`, `kind`,
    /// `metadata` itself and the server-owned or identifying metadata fields `name`, `namespace`,
    /// `creationTimestamp`, `selfLink`, `uid`, `clusterName`, `generation`, `managedFields` and
    /// `resourceVersion` (the `stripMetaManager` of k8s.io/apimachinery's managedfields package).
    /// Labels, annotations, finalizers, ownerReferences, `generateName`, `deletionTimestamp` and
    /// `deletionGracePeriodSeconds` are tracked like any other field.
    public static let untrackedFields: FieldSet = {
        var set = FieldSet()
        set.insert(FieldPath(fields: "apiVersion"))
        set.insert(FieldPath(fields: "kind"))
        set.insert(FieldPath(fields: "metadata"))
        for name in ["name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields", "resourceVersion"] {
            set.insert(FieldPath(fields: "metadata", name))
        }
        return set
    }()

    /// The fields an object sets, as a manager applying it would own them
    /// (`TypedValue.ToFieldSet` minus ``untrackedFields``):
    /// - scalars, nulls and empty objects are leaves (`f:replicas`);
    /// - atomic lists (`x-kubernetes-list-type: atomic`, the default) and atomic objects
    ///   (`x-kubernetes-map-type: atomic`, e.g. a Deployment's `spec.selector`) are one leaf;
    /// - items of a map list are `k:{...}` members with their fields below (`".": {}` in fieldsV1);
    /// - items of a set are `v:<json>` members;
    /// - intermediate objects (`spec`, `template`) are not members themselves.
    ///
    /// Every object is treated as a struct: upstream additionally makes entries of
    /// `additionalProperties` maps whose values are objects members, which the schema protocol
    /// cannot tell apart here (entries with scalar values, like labels, are leaves either way).
    public static func from(_ object: JSONValue, schema: any SchemaInfo) -> FieldSet {
        StructuredMerge.fieldSet(of: object, schema: schema).subtracting(untrackedFields)
    }
}
