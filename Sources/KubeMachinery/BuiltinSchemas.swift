import KubeCore

/// Schema information for built-in kinds, from tables that reproduce the OpenAPI extensions
/// kube-apiserver publishes for them (`/openapi/v3`): `x-kubernetes-list-type`,
/// `x-kubernetes-list-map-keys`, `x-kubernetes-map-type` (for structs: `+structType=atomic`),
/// `x-kubernetes-patch-merge-key` and `x-kubernetes-patch-strategy`. Those come from the
/// `+listType`/`+listMapKey`/`+mapType`/`+structType` markers and the `patchStrategy`/
/// `patchMergeKey` struct tags in `k8s.io/api` (`core/v1`, `apps/v1`, `batch/v1`,
/// `autoscaling/v2`, `rbac/v1`) and `k8s.io/apimachinery` (`meta/v1`); the tables below mirror
/// them field by field for every path that differs from the defaults (a list without a marker
/// is atomic; objects and maps are granular).
///
/// Note the cases where the two mechanisms disagree upstream, reproduced here: Job
/// `status.conditions` and Pod `status.hostIPs` merge by key under strategic merge patch but are
/// atomic for server-side apply; `spec.podCIDRs` of a Node is a merged set under both;
/// `resources.claims` of a container is a map for server-side apply but replaced by strategic
/// merge patch; a Service's `spec.selector` and a Pod's `spec.nodeSelector` are atomic maps.
public enum BuiltinSchemas {
    /// The schema information of the built-in kind `kind` in API group `group` (`""` or `"core"`
    /// for the core group); ``NoSchemaInfo`` for kinds without tables (custom resources).
    public static func schema(group: String, kind: String) -> any SchemaInfo {
        guard let root = root(group: group, kind: kind) else { return NoSchemaInfo() }
        return BuiltinSchemaInfo(root: root)
    }

    /// Whether ``schema(group:kind:)`` has a table for this kind.
    public static func knows(group: String, kind: String) -> Bool {
        root(group: group, kind: kind) != nil
    }

    /// Only `metadata` (ObjectMeta: finalizers a set, ownerReferences a map by `uid`, ...), the
    /// part every object shares, for kinds without a table of their own.
    public static let objectMetaOnly: any SchemaInfo = BuiltinSchemaInfo(root: .object(["metadata": BuiltinSchemaTables.objectMeta]))

    static func root(group: String, kind: String) -> BuiltinSchemaNode? {
        switch (group == "core" ? "" : group, kind) {
        case ("", "Pod"): return BuiltinSchemaTables.pod
        case ("", "Service"): return BuiltinSchemaTables.service
        case ("", "PersistentVolumeClaim"): return BuiltinSchemaTables.persistentVolumeClaim
        case ("", "Node"): return BuiltinSchemaTables.node
        case ("", "Namespace"): return BuiltinSchemaTables.namespace
        case ("", "ServiceAccount"): return BuiltinSchemaTables.serviceAccount
        case ("", "PodTemplate"): return .object(["metadata": BuiltinSchemaTables.objectMeta, "template": BuiltinSchemaTables.podTemplateSpec])
        case ("", "ConfigMap"), ("", "Secret"), ("", "Event"), ("", "Endpoints"),
            ("coordination.k8s.io", "Lease"), ("events.k8s.io", "Event"):
            return BuiltinSchemaTables.metadataOnly
        case ("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "DaemonSet"): return BuiltinSchemaTables.workload
        case ("apps", "StatefulSet"): return BuiltinSchemaTables.statefulSet
        case ("batch", "Job"): return BuiltinSchemaTables.job
        case ("batch", "CronJob"): return BuiltinSchemaTables.cronJob
        case ("autoscaling", "HorizontalPodAutoscaler"): return BuiltinSchemaTables.horizontalPodAutoscaler
        case ("rbac.authorization.k8s.io", "Role"), ("rbac.authorization.k8s.io", "ClusterRole"): return BuiltinSchemaTables.role
        case ("rbac.authorization.k8s.io", "RoleBinding"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"): return BuiltinSchemaTables.roleBinding
        case ("apiextensions.k8s.io", "CustomResourceDefinition"): return BuiltinSchemaTables.customResourceDefinition
        default: return nil
        }
    }
}

/// One node of a built-in schema tree: an object (struct) with named fields, a map (any key,
/// one value schema), a list (element schema), or a leaf. Only what differs from the defaults
/// is recorded.
final class BuiltinSchemaNode: Sendable {
    enum Shape: Sendable { case object, map, list }

    let shape: Shape
    let fields: [String: BuiltinSchemaNode]
    let element: BuiltinSchemaNode?
    /// `x-kubernetes-map-type: atomic` (maps) / `+structType=atomic` (structs).
    let atomic: Bool
    /// `x-kubernetes-list-type` and `x-kubernetes-list-map-keys`.
    let listSemantics: ListSemantics
    /// `x-kubernetes-patch-merge-key` (with `x-kubernetes-patch-strategy: merge`).
    let patchMergeKey: String?
    /// `x-kubernetes-patch-strategy: merge` on a list of scalars.
    let mergedPrimitive: Bool

    init(shape: Shape, fields: [String: BuiltinSchemaNode] = [:], element: BuiltinSchemaNode? = nil, atomic: Bool = false,
         listSemantics: ListSemantics = .atomic, patchMergeKey: String? = nil, mergedPrimitive: Bool = false) {
        self.shape = shape
        self.fields = fields
        self.element = element
        self.atomic = atomic
        self.listSemantics = listSemantics
        self.patchMergeKey = patchMergeKey
        self.mergedPrimitive = mergedPrimitive
    }

    /// A struct; `atomic` for `+structType=atomic`.
    static func object(_ fields: [String: BuiltinSchemaNode] = [:], atomic: Bool = false) -> BuiltinSchemaNode {
        BuiltinSchemaNode(shape: .object, fields: fields, atomic: atomic)
    }

    /// A `map[string]T`; `atomic` for `+mapType=atomic`.
    static func map(_ values: BuiltinSchemaNode? = nil, atomic: Bool = false) -> BuiltinSchemaNode {
        BuiltinSchemaNode(shape: .map, element: values, atomic: atomic)
    }

    /// A list with server-side-apply semantics, strategic-merge-patch key and element schema.
    static func list(_ semantics: ListSemantics = .atomic, patchMergeKey: String? = nil, mergedPrimitive: Bool = false,
                     of element: BuiltinSchemaNode? = nil) -> BuiltinSchemaNode {
        BuiltinSchemaNode(shape: .list, element: element, listSemantics: semantics, patchMergeKey: patchMergeKey,
                          mergedPrimitive: mergedPrimitive)
    }

    /// The common "map keyed by `key`, SMP merge key `key`" list (`+listType=map`,
    /// `+listMapKey=key`, `patchStrategy:"merge" patchMergeKey:"key"`).
    static func keyed(_ key: String, of element: BuiltinSchemaNode? = nil) -> BuiltinSchemaNode {
        list(.map(keys: [key]), patchMergeKey: key, of: element)
    }

    /// The node at `path`: field names in objects, `"[]"` into list elements, any key (or
    /// `"{}"`) into map values. Nil where the tables record nothing.
    func descendant(_ path: SchemaPath) -> BuiltinSchemaNode? {
        var node = self
        for component in path {
            switch node.shape {
            case .object:
                guard let next = node.fields[component] else { return nil }
                node = next
            case .map:
                guard let next = node.element else { return nil }
                node = next
            case .list:
                guard component == "[]", let next = node.element else { return nil }
                node = next
            }
        }
        return node
    }
}

/// ``SchemaInfo`` answered from a ``BuiltinSchemaNode`` tree.
struct BuiltinSchemaInfo: SchemaInfo {
    let root: BuiltinSchemaNode

    func listSemantics(at path: SchemaPath) -> ListSemantics {
        guard let node = root.descendant(path), node.shape == .list else { return .atomic }
        return node.listSemantics
    }

    func isAtomicObject(at path: SchemaPath) -> Bool {
        guard let node = root.descendant(path), node.shape != .list else { return false }
        return node.atomic
    }

    func patchMergeKey(at path: SchemaPath) -> String? {
        guard let node = root.descendant(path), node.shape == .list else { return nil }
        return node.patchMergeKey
    }

    func isMergedPrimitiveList(at path: SchemaPath) -> Bool {
        guard let node = root.descendant(path), node.shape == .list else { return false }
        return node.mergedPrimitive
    }
}

/// The tables. Each comment names the upstream Go type; fields not listed have default semantics.
enum BuiltinSchemaTables {
    typealias Node = BuiltinSchemaNode

    // meta/v1
    /// `LabelSelector` (`+structType=atomic`): `spec.selector` of workloads, affinity/spread selectors.
    static let labelSelector = Node.object(atomic: true)
    /// `ObjectMeta`.
    static let objectMeta = Node.object([
        "finalizers": .list(.set, mergedPrimitive: true),
        "ownerReferences": .keyed("uid", of: .object(atomic: true)),  // OwnerReference: +structType=atomic
        "managedFields": .list(.atomic),
    ])
    /// `metav1.Condition` lists and the core/apps/autoscaling `…Condition` lists: map by `type`.
    static let conditions = Node.keyed("type")

    // core/v1
    /// `LocalObjectReference`, `ObjectReference`, `TypedLocalObjectReference`, `SecretReference`,
    /// the `…KeySelector`s, `ObjectFieldSelector`, `ResourceFieldSelector`, `NodeSelector`:
    /// all `+structType=atomic`.
    static let atomicStruct = Node.object(atomic: true)

    static let envVar = Node.object([
        "valueFrom": .object([
            "configMapKeyRef": atomicStruct, "secretKeyRef": atomicStruct, "fieldRef": atomicStruct,
            "resourceFieldRef": atomicStruct, "fileKeyRef": atomicStruct,
        ]),
    ])

    /// `Container` (and `EphemeralContainerCommon`).
    static let container = Node.object([
        "ports": .list(.map(keys: ["containerPort", "protocol"]), patchMergeKey: "containerPort"),
        "env": .keyed("name", of: envVar),
        "envFrom": .list(.atomic),
        "volumeMounts": .keyed("mountPath"),
        "volumeDevices": .keyed("devicePath"),
        "resources": .object(["claims": .list(.map(keys: ["name"]))]),
        "resizePolicy": .list(.atomic),
        "restartPolicyRules": .list(.atomic),
    ])

    /// `PodSpec`.
    static let podSpec = Node.object([
        "containers": .keyed("name", of: container),
        "initContainers": .keyed("name", of: container),
        "ephemeralContainers": .keyed("name", of: container),
        "volumes": .keyed("name"),  // patchStrategy "merge,retainKeys"
        "imagePullSecrets": .keyed("name", of: atomicStruct),
        "tolerations": .list(.atomic),
        "hostAliases": .keyed("ip"),
        "topologySpreadConstraints": .list(.map(keys: ["topologyKey", "whenUnsatisfiable"]), patchMergeKey: "topologyKey",
                                           of: .object(["labelSelector": labelSelector])),
        "readinessGates": .list(.atomic),
        "resourceClaims": .keyed("name"),  // patchStrategy "merge,retainKeys"
        "schedulingGates": .keyed("name"),
        "nodeSelector": .map(atomic: true),
        "affinity": .object([
            "nodeAffinity": .object(["requiredDuringSchedulingIgnoredDuringExecution": atomicStruct]),
        ]),
    ])

    /// `PodStatus`.
    static let podStatus = Node.object([
        "conditions": conditions,
        "podIPs": .keyed("ip"),
        "hostIPs": .list(.atomic, patchMergeKey: "ip"),
        "containerStatuses": .list(.atomic),
        "initContainerStatuses": .list(.atomic),
        "ephemeralContainerStatuses": .list(.atomic),
        "resourceClaimStatuses": .keyed("name"),
    ])

    static let podTemplateSpec = Node.object(["metadata": objectMeta, "spec": podSpec])

    static let metadataOnly = Node.object(["metadata": objectMeta])
    static let pod = Node.object(["metadata": objectMeta, "spec": podSpec, "status": podStatus])

    static let service = Node.object([
        "metadata": objectMeta,
        "spec": .object([
            "ports": .list(.map(keys: ["port", "protocol"]), patchMergeKey: "port"),
            "selector": .map(atomic: true),
        ]),
        "status": .object(["conditions": conditions]),
    ])

    static let persistentVolumeClaim = Node.object([
        "metadata": objectMeta,
        "spec": .object([
            "accessModes": .list(.atomic),
            "selector": labelSelector,
            "dataSource": atomicStruct,
        ]),
        "status": .object(["conditions": conditions, "accessModes": .list(.atomic)]),
    ])

    static let node = Node.object([
        "metadata": objectMeta,
        "spec": .object([
            "podCIDRs": .list(.set, mergedPrimitive: true),
            "taints": .list(.atomic),
        ]),
        "status": .object([
            "conditions": conditions,
            "addresses": .keyed("type"),
            "images": .list(.atomic),
            "volumesInUse": .list(.atomic),
            "volumesAttached": .list(.atomic),
        ]),
    ])

    static let namespace = Node.object([
        "metadata": objectMeta,
        "spec": .object(["finalizers": .list(.atomic)]),
        "status": .object(["conditions": conditions]),
    ])

    static let serviceAccount = Node.object([
        "metadata": objectMeta,
        "secrets": .keyed("name", of: atomicStruct),
        "imagePullSecrets": .list(.atomic),
    ])

    // apps/v1: Deployment, ReplicaSet, DaemonSet (and StatefulSet with its claim templates).
    static let workload = Node.object([
        "metadata": objectMeta,
        "spec": .object(["selector": labelSelector, "template": podTemplateSpec]),
        "status": .object(["conditions": conditions]),
    ])

    static let statefulSet = Node.object([
        "metadata": objectMeta,
        "spec": .object(["selector": labelSelector, "template": podTemplateSpec, "volumeClaimTemplates": .list(.atomic)]),
        "status": .object(["conditions": conditions]),
    ])

    // batch/v1
    static let jobSpec = Node.object(["selector": labelSelector, "template": podTemplateSpec])

    static let job = Node.object([
        "metadata": objectMeta,
        "spec": jobSpec,
        "status": .object([
            "conditions": .list(.atomic, patchMergeKey: "type"),
            "uncountedTerminatedPods": .object(["succeeded": .list(.set), "failed": .list(.set)]),
        ]),
    ])

    static let cronJob = Node.object([
        "metadata": objectMeta,
        "spec": .object(["jobTemplate": .object(["metadata": objectMeta, "spec": jobSpec])]),
        "status": .object(["active": .list(.atomic)]),
    ])

    // autoscaling/v2
    static let horizontalPodAutoscaler = Node.object([
        "metadata": objectMeta,
        "spec": .object(["metrics": .list(.atomic)]),
        "status": .object(["conditions": conditions, "currentMetrics": .list(.atomic)]),
    ])

    // rbac.authorization.k8s.io/v1
    static let role = Node.object([
        "metadata": objectMeta,
        "rules": .list(.atomic),
        "aggregationRule": .object(["clusterRoleSelectors": .list(.atomic)]),
    ])

    static let roleBinding = Node.object([
        "metadata": objectMeta,
        "subjects": .list(.atomic),
        "roleRef": atomicStruct,
    ])

    // apiextensions.k8s.io/v1: conditions are a map by type for server-side apply only.
    static let customResourceDefinition = Node.object([
        "metadata": objectMeta,
        "status": .object(["conditions": .list(.map(keys: ["type"]))]),
    ])
}
