import KubeCore

/// The built-in kinds the emulator serves, with the discovery facts kube-apiserver publishes
/// for them (short names, categories, subresources).
///
/// `core/v1` and `events.k8s.io/v1` Events are two versions of one resource, as in
/// kube-apiserver: stored once in the `core/v1` shape and converted for `events.k8s.io/v1`
/// (``EventConversion``), so an Event written through either is read, listed and watched
/// through both with the same name, uid and resourceVersion.
enum BuiltinResources {
    static func def(_ g: String, _ v: String, _ plural: String, _ kind: String, _ scope: ResourceScope, singular: String, short: [String] = [], categories: [String] = [], status: Bool = false, scale: ScaleMapping? = nil, returnsObject: Bool = false, conversion: VersionConversion? = nil, fields: SelectableFields? = nil, verbs: [String] = ResourceDefinition.standardVerbs) -> ResourceDefinition {
        ResourceDefinition(descriptor: ResourceDescriptor(group: g, version: v, resource: plural, kind: kind, scope: scope), singular: singular, shortNames: short, categories: categories, verbs: verbs, hasStatus: status, scale: scale, returnsDeletedObject: returnsObject, conversion: conversion, selectableFields: fields)
    }

    static let workloadScale = ScaleMapping(specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: nil)

    static let all: [ResourceDefinition] = [
        def("", "v1", "namespaces", "Namespace", .cluster, singular: "namespace", short: ["ns"], status: true),
        def("", "v1", "configmaps", "ConfigMap", .namespaced, singular: "configmap", short: ["cm"]),
        def("", "v1", "secrets", "Secret", .namespaced, singular: "secret"),
        def("", "v1", "services", "Service", .namespaced, singular: "service", short: ["svc"], categories: ["all"], status: true),
        def("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", .namespaced, singular: "persistentvolumeclaim", short: ["pvc"], status: true),
        def("", "v1", "pods", "Pod", .namespaced, singular: "pod", short: ["po"], categories: ["all"], status: true, returnsObject: true),
        def("", "v1", "nodes", "Node", .cluster, singular: "node", short: ["no"], status: true),
        def("", "v1", "events", "Event", .namespaced, singular: "event", short: ["ev"], fields: EventSelectableFields.coreV1),
        def("", "v1", "serviceaccounts", "ServiceAccount", .namespaced, singular: "serviceaccount", short: ["sa"]),
        def("apps", "v1", "deployments", "Deployment", .namespaced, singular: "deployment", short: ["deploy"], categories: ["all"], status: true, scale: workloadScale),
        def("apps", "v1", "replicasets", "ReplicaSet", .namespaced, singular: "replicaset", short: ["rs"], categories: ["all"], status: true, scale: workloadScale),
        def("batch", "v1", "jobs", "Job", .namespaced, singular: "job", categories: ["all"], status: true),
        def("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", .namespaced, singular: "horizontalpodautoscaler", short: ["hpa"], categories: ["all"], status: true),
        def("coordination.k8s.io", "v1", "leases", "Lease", .namespaced, singular: "lease"),
        def("events.k8s.io", "v1", "events", "Event", .namespaced, singular: "event", short: ["ev"], conversion: EventConversion.eventsV1, fields: EventSelectableFields.eventsV1),
        def("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", .cluster, singular: "customresourcedefinition", short: ["crd", "crds"], categories: ["api-extensions"], status: true),
        def("rbac.authorization.k8s.io", "v1", "roles", "Role", .namespaced, singular: "role"),
        def("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", .cluster, singular: "clusterrole"),
        def("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", .namespaced, singular: "rolebinding"),
        def("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", .cluster, singular: "clusterrolebinding"),
        // Create-only reviews, answered by the authorizer and never stored (``AccessReviews``).
        def("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", .cluster, singular: "selfsubjectaccessreview", verbs: ["create"]),
        def("authorization.k8s.io", "v1", "subjectaccessreviews", "SubjectAccessReview", .cluster, singular: "subjectaccessreview", verbs: ["create"]),
        def("authorization.k8s.io", "v1", "localsubjectaccessreviews", "LocalSubjectAccessReview", .namespaced, singular: "localsubjectaccessreview", verbs: ["create"]),
        def("authorization.k8s.io", "v1", "selfsubjectrulesreviews", "SelfSubjectRulesReview", .cluster, singular: "selfsubjectrulesreview", verbs: ["create"]),
        def("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview", .cluster, singular: "selfsubjectreview", verbs: ["create"]),
    ]
}
