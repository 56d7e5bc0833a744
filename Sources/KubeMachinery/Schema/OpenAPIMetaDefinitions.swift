import KubeCore

/// The built-in definitions a custom resource's OpenAPI references (ObjectMeta, ListMeta and
/// their dependencies, Status, Patch, Scale), with kube-apiserver's descriptions, in OpenAPI v2
/// form (`#/definitions/...` references; ``OpenAPISchemaWalk/toV3(_:)`` converts them).
enum OpenAPIMetaDefinitions {
    static let objectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
    static let listMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"
    static let status = "io.k8s.apimachinery.pkg.apis.meta.v1.Status"
    static let patch = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch"
    static let scale = "io.k8s.api.autoscaling.v1.Scale"

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/definitions/" + name)] }
    static func ref(_ name: String, _ description: String) -> JSONValue {
        ["$ref": .string("#/definitions/" + name), "description": .string(description)]
    }
    static func string(_ description: String) -> JSONValue { ["type": "string", "description": .string(description)] }
    static func integer(_ description: String, _ format: String) -> JSONValue {
        ["type": "integer", "format": .string(format), "description": .string(description)]
    }
    static let stringMap: JSONValue = ["type": "object", "additionalProperties": ["type": "string"]]

    static let apiVersionDoc = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources"
    static let kindDoc = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"
    static let objectMetadataDoc = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
    static let listMetadataDoc = "Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"
    static let embeddedAPIVersionDoc = "apiVersion defines the versioned schema of this representation of an object. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources"
    static let embeddedKindDoc = "kind is a string value representing the type of this object. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"

    /// TypeMeta's `apiVersion` and `kind` property schemas.
    static var typeMetaAPIVersion: JSONValue { string(apiVersionDoc) }
    static var typeMetaKind: JSONValue { string(kindDoc) }

    /// Every definition, by name. `includeScale` adds autoscaling/v1 Scale and its parts.
    static func all(includeScale: Bool) -> [String: JSONValue] {
        var defs: [String: JSONValue] = [
            objectMeta: objectMetaSchema,
            listMeta: listMetaSchema,
            "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry": managedFieldsEntrySchema,
            "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference": ownerReferenceSchema,
            "io.k8s.apimachinery.pkg.apis.meta.v1.Time": [
                "type": "string", "format": "date-time",
                "description": "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.",
            ],
            "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": [
                "type": "object",
                "description": "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.\n\nEach key is either a '.' representing the field itself, and will always map to an empty set, or a string representing a sub-field or item. The string will follow one of these four formats: 'f:<name>', where <name> is the name of a field in a struct, or key in a map 'v:<value>', where <value> is the exact json formatted value of a list item 'i:<index>', where <index> is position of a item in a list 'k:<keys>', where <keys> is a map of  a list item's key fields to their unique values If a key maps to an empty Fields value, the field that key represents is part of the set.\n\nThe exact format is defined in sigs.k8s.io/structured-merge-diff",
            ],
            status: statusSchema,
            "io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails": statusDetailsSchema,
            "io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause": statusCauseSchema,
            patch: [
                "type": "object",
                "description": "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
            ],
        ]
        if includeScale {
            defs[scale] = scaleSchema
            defs["io.k8s.api.autoscaling.v1.ScaleSpec"] = [
                "type": "object", "description": "ScaleSpec describes the attributes of a scale subresource.",
                "properties": ["replicas": ["type": "integer", "format": "int32", "default": 0, "description": "replicas is the desired number of instances for the scaled object."]],
            ]
            defs["io.k8s.api.autoscaling.v1.ScaleStatus"] = [
                "type": "object", "description": "ScaleStatus represents the current status of a scale subresource.",
                "required": ["replicas"],
                "properties": [
                    "replicas": ["type": "integer", "format": "int32", "default": 0, "description": "replicas is the actual number of observed instances of the scaled object."],
                    "selector": string("selector is the label query over pods that should match the replicas count. This is same as the label selector but in the string format to avoid introspection by clients. The string will be in the same format as the query-param syntax. More info about label selectors: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/"),
                ],
            ]
        }
        return defs
    }

    static var objectMetaSchema: JSONValue {
        [
            "type": "object",
            "description": "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
            "properties": [
                "name": string("Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"),
                "generateName": string("GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided. If this field is used, the name returned to the client will be different than the name passed. This value will also be combined with a unique suffix. The provided value has the same validation rules as the Name field, and may be truncated by the length of the suffix required to make the value unique on the server.\n\nIf this field is specified and the generated name exists, the server will return a 409.\n\nApplied only if Name is not specified. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#idempotency"),
                "namespace": string("Namespace defines the space within which each name must be unique. An empty namespace is equivalent to the \"default\" namespace, but \"default\" is the canonical representation. Not all objects are required to be scoped to a namespace - the value of this field for those objects will be empty.\n\nMust be a DNS_LABEL. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces"),
                "selfLink": string("Deprecated: selfLink is a legacy read-only field that is no longer populated by the system."),
                "uid": string("UID is the unique in time and space value for this object. It is typically generated by the server on successful creation of a resource and is not allowed to change on PUT operations.\n\nPopulated by the system. Read-only. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids"),
                "resourceVersion": string("An opaque value that represents the internal version of this object that can be used by clients to determine when objects have changed. May be used for optimistic concurrency, change detection, and the watch operation on a resource or set of resources. Clients must treat these values as opaque and passed unmodified back to the server. They may only be valid for a particular resource or set of resources.\n\nPopulated by the system. Read-only. Value must be treated as opaque by clients and . More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#concurrency-control-and-consistency"),
                "generation": integer("A sequence number representing a specific generation of the desired state. Populated by the system. Read-only.", "int64"),
                "creationTimestamp": ref("io.k8s.apimachinery.pkg.apis.meta.v1.Time", "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"),
                "deletionTimestamp": ref("io.k8s.apimachinery.pkg.apis.meta.v1.Time", "DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted. This field is set by the server when a graceful deletion is requested by the user, and is not directly settable by a client. The resource is expected to be deleted (no longer visible from resource lists, and not reachable by name) after the time in this field, once the finalizers list is empty. As long as the finalizers list contains items, deletion is blocked. Once the deletionTimestamp is set, this value may not be unset or be set further into the future, although it may be shortened or the resource may be deleted prior to this time. For example, a user may request that a pod is deleted in 30 seconds. The Kubelet will react by sending a graceful termination signal to the containers in the pod. After that 30 seconds, the Kubelet will send a hard termination signal (SIGKILL) to the container and after cleanup, remove the pod from the API. In the presence of network partitions, this object may still exist after this timestamp, until an administrator or automated process can determine the resource is fully terminated. If not set, graceful deletion of the object has not been requested.\n\nPopulated by the system when a graceful deletion is requested. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"),
                "deletionGracePeriodSeconds": integer("Number of seconds allowed for this object to gracefully terminate before it will be removed from the system. Only set when deletionTimestamp is also set. May only be shortened. Read-only.", "int64"),
                "labels": stringMap.openAPIAdding(["description": "Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels"]),
                "annotations": stringMap.openAPIAdding(["description": "Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata. They are not queryable and should be preserved when modifying objects. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations"]),
                "ownerReferences": [
                    "type": "array",
                    "description": "List of objects depended by this object. If ALL objects in the list have been deleted, this object will be garbage collected. If this object is managed by a controller, then an entry in this list will point to this controller, with the controller field set to true. There cannot be more than one managing controller.",
                    "items": ref("io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference"),
                    "x-kubernetes-list-map-keys": ["uid"], "x-kubernetes-list-type": "map",
                    "x-kubernetes-patch-merge-key": "uid", "x-kubernetes-patch-strategy": "merge",
                ],
                "finalizers": [
                    "type": "array",
                    "description": "Must be empty before the object is deleted from the registry. Each entry is an identifier for the responsible component that will remove the entry from the list. If the deletionTimestamp of the object is non-nil, entries in this list can only be removed. Finalizers may be processed and removed in any order.  Order is NOT enforced because it introduces significant risk of stuck finalizers. finalizers is a shared field, any actor with permission can reorder it. If the finalizer list is processed in order, then this can lead to a situation in which the component responsible for the first finalizer in the list is waiting for a signal (field value, external system, or other) produced by a component responsible for a finalizer later in the list, resulting in a deadlock. Without enforced ordering finalizers are free to order amongst themselves and are not vulnerable to ordering changes in the list.",
                    "items": ["type": "string"],
                    "x-kubernetes-list-type": "set", "x-kubernetes-patch-strategy": "merge",
                ],
                "managedFields": [
                    "type": "array",
                    "description": "ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow. This is mostly for internal housekeeping, and users typically shouldn't need to set or understand this field. A workflow can be the user's name, a controller's name, or the name of a specific apply path like \"ci-cd\". The set of fields is always in the version that the workflow used when modifying the object.",
                    "items": ref("io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry"),
                    "x-kubernetes-list-type": "atomic",
                ],
            ],
        ]
    }

    static var listMetaSchema: JSONValue {
        [
            "type": "object",
            "description": "ListMeta describes metadata that synthetic resources must have, including lists and various status objects. A resource may have only one of {ObjectMeta, ListMeta}.",
            "properties": [
                "selfLink": string("Deprecated: selfLink is a legacy read-only field that is no longer populated by the system."),
                "resourceVersion": string("String that identifies the server's internal version of this object that can be used by clients to determine when objects have changed. Value must be treated as opaque by clients and passed unmodified back to the server. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#concurrency-control-and-consistency"),
                "continue": string("continue may be set if the user set a limit on the number of items returned, and indicates that the server has more data available. The value is opaque and may be used to issue another request to the endpoint that served this list to retrieve the next set of available objects. Continuing a consistent list may not be possible if the server configuration has changed or more than a few minutes have passed. The resourceVersion field returned when using this continue value will be identical to the value in the first response, unless you have received this token from an error message."),
                "remainingItemCount": integer("remainingItemCount is the number of subsequent items in the list which are not included in this list response. If the list request contained label or field selectors, then the number of remaining items is unknown and the field will be left unset and omitted during serialization. If the list is complete (either because it is not chunking or because this is the last chunk), then there are no more remaining items and this field will be left unset and omitted during serialization. Servers older than v1.15 do not set this field. The intended use of the remainingItemCount is *estimating* the size of a collection. Clients should not rely on the remainingItemCount to be set or to be exact.", "int64"),
            ],
        ]
    }

    static var managedFieldsEntrySchema: JSONValue {
        [
            "type": "object",
            "description": "ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.",
            "properties": [
                "manager": string("Manager is an identifier of the workflow managing these fields."),
                "operation": string("Operation is the type of operation which lead to this ManagedFieldsEntry being created. The only valid values for this field are 'Apply' and 'Update'."),
                "apiVersion": string("APIVersion defines the version of this resource that this field set applies to. The format is \"group/version\" just like the top-level APIVersion field. It is necessary to track the version of a field set because it cannot be automatically converted."),
                "time": ref("io.k8s.apimachinery.pkg.apis.meta.v1.Time", "Time is the timestamp of when the ManagedFields entry was added. The timestamp will also be updated if a field is added, the manager changes any of the owned fields value or removes a field. The timestamp does not update when a field is removed from the entry because another manager took it over."),
                "fieldsType": string("FieldsType is the discriminator for the different fields format and version. There is currently only one possible value: \"FieldsV1\""),
                "fieldsV1": ref("io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1", "FieldsV1 holds the first JSON version format as described in the \"FieldsV1\" type."),
                "subresource": string("Subresource is the name of the subresource used to update that object, or empty string if the object was updated through the main resource. The value of this field is used to distinguish between managers, even if they share the same name. For example, a status update will be distinct from a regular update using the same manager name. Note that the APIVersion field is not related to the Subresource field and it always corresponds to the version of the main resource."),
            ],
        ]
    }

    static var ownerReferenceSchema: JSONValue {
        func withDefault(_ s: JSONValue) -> JSONValue { s.openAPIAdding(["default": ""]) }
        return [
            "type": "object",
            "description": "OwnerReference contains enough information to let you identify an owning object. An owning object must be in the same namespace as the dependent, or be cluster-scoped, so there is no namespace field.",
            "required": ["apiVersion", "kind", "name", "uid"],
            "properties": [
                "apiVersion": withDefault(string("API version of the referent.")),
                "kind": withDefault(string("Kind of the referent. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds")),
                "name": withDefault(string("Name of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names")),
                "uid": withDefault(string("UID of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids")),
                "controller": ["type": "boolean", "description": "If true, this reference points to the managing controller."],
                "blockOwnerDeletion": [
                    "type": "boolean",
                    "description": "If true, AND if the owner has the \"foregroundDeletion\" finalizer, then the owner cannot be deleted from the key-value store until this reference is removed. See https://kubernetes.io/docs/concepts/architecture/garbage-collection/#foreground-deletion for how the garbage collector interacts with this field and enforces the foreground deletion. Defaults to false. To set this field, a user needs \"delete\" permission of the owner, otherwise 422 (Unprocessable Entity) will be returned.",
                ],
            ],
            "x-kubernetes-map-type": "atomic",
        ]
    }

    static var statusSchema: JSONValue {
        [
            "type": "object",
            "description": "Status is a return value for calls that don't return other objects.",
            "properties": [
                "kind": typeMetaKind,
                "apiVersion": typeMetaAPIVersion,
                "metadata": ref(listMeta, listMetadataDoc).openAPIAdding(["default": .emptyObject]),
                "status": string("Status of the operation. One of: \"Success\" or \"Failure\". More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"),
                "message": string("A human-readable description of the status of this operation."),
                "reason": string("A machine-readable description of why this operation is in the \"Failure\" status. If this value is empty there is no information available. A Reason clarifies an HTTP status code but does not override it."),
                "details": ref("io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails", "Extended data associated with the reason.  Each reason may define its own extended details. This field is optional and the data returned is not guaranteed to conform to any schema except that defined by the reason type."),
                "code": integer("Suggested HTTP return code for this status, 0 if not set.", "int32"),
            ],
            "x-kubernetes-group-version-kind": [["group": "", "kind": "Status", "version": "v1"]],
        ]
    }

    static var statusDetailsSchema: JSONValue {
        [
            "type": "object",
            "description": "StatusDetails is a set of additional properties that MAY be set by the server to provide additional information about a response. The Reason field of a Status object defines what attributes will be set. Clients must ignore fields that do not match the defined type of each attribute, and should assume that any attribute may be empty, invalid, or under defined.",
            "properties": [
                "name": string("The name attribute of the resource associated with the status StatusReason (when there is a single name which can be described)."),
                "group": string("The group attribute of the resource associated with the status StatusReason."),
                "kind": string("The kind attribute of the resource associated with the status StatusReason. On some operations may differ from the requested resource Kind. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"),
                "uid": string("UID of the resource. (when there is a single resource which can be described). More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids"),
                "causes": [
                    "type": "array",
                    "description": "The Causes array includes more details associated with the StatusReason failure. Not all StatusReasons may provide detailed causes.",
                    "items": ref("io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause"),
                    "x-kubernetes-list-type": "atomic",
                ],
                "retryAfterSeconds": integer("If specified, the time in seconds before the operation should be retried. Some errors may indicate the client must take an alternate action - for those errors this field may indicate how long to wait before taking the alternate action.", "int32"),
            ],
        ]
    }

    static var statusCauseSchema: JSONValue {
        [
            "type": "object",
            "description": "StatusCause provides more information about an api.Status failure, including cases when multiple errors are encountered.",
            "properties": [
                "reason": string("A machine-readable description of the cause of the error. If this value is empty there is no information available."),
                "message": string("A human-readable description of the cause of the error.  This field may be presented as-is to a reader."),
                "field": string("The field of the resource that has caused this error, as named by its JSON serialization. May include dot and postfix notation for nested attributes. Arrays are zero-indexed.  Fields may appear more than once in an array of causes due to fields having multiple errors. Optional.\n\nExamples:\n  \"name\" - the field \"name\" on the current resource\n  \"items[0].name\" - the field \"name\" on the first array entry in \"items\""),
            ],
        ]
    }

    static var scaleSchema: JSONValue {
        [
            "type": "object",
            "description": "Scale represents a scaling request for a resource.",
            "properties": [
                "kind": typeMetaKind,
                "apiVersion": typeMetaAPIVersion,
                "metadata": ref(objectMeta, "metadata is the standard object metadata; More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata.").openAPIAdding(["default": .emptyObject]),
                "spec": ref("io.k8s.api.autoscaling.v1.ScaleSpec", "spec defines the behavior of the scale. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status.").openAPIAdding(["default": .emptyObject]),
                "status": ref("io.k8s.api.autoscaling.v1.ScaleStatus", "status is the current status of the scale. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status. Read-only.").openAPIAdding(["default": .emptyObject]),
            ],
            "x-kubernetes-group-version-kind": [["group": "autoscaling", "kind": "Scale", "version": "v1"]],
        ]
    }
}

extension JSONValue {
    /// This object with the keys of `other` added (replacing existing ones).
    func openAPIAdding(_ other: JSONValue) -> JSONValue {
        guard case .object(var o) = self, case .object(let p) = other else { return self }
        for (k, v) in p { o[k] = v }
        return .object(o)
    }
}
