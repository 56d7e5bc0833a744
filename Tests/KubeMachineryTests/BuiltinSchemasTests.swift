import KubeCore
import Testing

@testable import KubeMachinery

struct BuiltinSchemasTests {
    struct ListCase: CustomTestStringConvertible, Sendable {
        let group: String
        let kind: String
        let path: String
        let semantics: ListSemantics
        let mergeKey: String?
        let mergedPrimitive: Bool
        var testDescription: String { "\(kind) \(path)" }

        init(_ group: String, _ kind: String, _ path: String, _ semantics: ListSemantics, smp mergeKey: String? = nil,
             mergedPrimitive: Bool = false) {
            self.group = group
            self.kind = kind
            self.path = path
            self.semantics = semantics
            self.mergeKey = mergeKey
            self.mergedPrimitive = mergedPrimitive
        }

        var schemaPath: SchemaPath { path.split(separator: ".").map(String.init) }
    }

    static let podSpec = "spec.template.spec"

    /// Expected OpenAPI extensions, per upstream `k8s.io/api` markers and struct tags.
    static let lists: [ListCase] = [
        .init("", "Pod", "spec.containers", .map(keys: ["name"]), smp: "name"),
        .init("", "Pod", "spec.initContainers", .map(keys: ["name"]), smp: "name"),
        .init("", "Pod", "spec.ephemeralContainers", .map(keys: ["name"]), smp: "name"),
        .init("", "Pod", "spec.containers.[].ports", .map(keys: ["containerPort", "protocol"]), smp: "containerPort"),
        .init("", "Pod", "spec.containers.[].env", .map(keys: ["name"]), smp: "name"),
        .init("", "Pod", "spec.containers.[].envFrom", .atomic),
        .init("", "Pod", "spec.containers.[].volumeMounts", .map(keys: ["mountPath"]), smp: "mountPath"),
        .init("", "Pod", "spec.containers.[].volumeDevices", .map(keys: ["devicePath"]), smp: "devicePath"),
        .init("", "Pod", "spec.containers.[].resources.claims", .map(keys: ["name"])),
        .init("", "Pod", "spec.containers.[].command", .atomic),
        .init("", "Pod", "spec.initContainers.[].env", .map(keys: ["name"]), smp: "name"),
        .init("", "Pod", "spec.volumes", .map(keys: ["name"]), smp: "name"),
        .init("", "Pod", "spec.imagePullSecrets", .map(keys: ["name"]), smp: "name"),
        .init("", "Pod", "spec.tolerations", .atomic),
        .init("", "Pod", "spec.hostAliases", .map(keys: ["ip"]), smp: "ip"),
        .init("", "Pod", "spec.topologySpreadConstraints", .map(keys: ["topologyKey", "whenUnsatisfiable"]), smp: "topologyKey"),
        .init("", "Pod", "spec.readinessGates", .atomic),
        .init("", "Pod", "spec.resourceClaims", .map(keys: ["name"]), smp: "name"),
        .init("", "Pod", "spec.schedulingGates", .map(keys: ["name"]), smp: "name"),
        .init("", "Pod", "status.conditions", .map(keys: ["type"]), smp: "type"),
        .init("", "Pod", "status.containerStatuses", .atomic),
        .init("", "Pod", "status.podIPs", .map(keys: ["ip"]), smp: "ip"),
        .init("", "Pod", "metadata.finalizers", .set, mergedPrimitive: true),
        .init("", "Pod", "metadata.ownerReferences", .map(keys: ["uid"]), smp: "uid"),
        .init("", "Pod", "metadata.managedFields", .atomic),
        .init("apps", "Deployment", "\(podSpec).containers", .map(keys: ["name"]), smp: "name"),
        .init("apps", "Deployment", "\(podSpec).containers.[].env", .map(keys: ["name"]), smp: "name"),
        .init("apps", "Deployment", "spec.template.metadata.finalizers", .set, mergedPrimitive: true),
        .init("apps", "Deployment", "status.conditions", .map(keys: ["type"]), smp: "type"),
        .init("apps", "ReplicaSet", "\(podSpec).volumes", .map(keys: ["name"]), smp: "name"),
        .init("apps", "ReplicaSet", "status.conditions", .map(keys: ["type"]), smp: "type"),
        .init("batch", "Job", "\(podSpec).containers", .map(keys: ["name"]), smp: "name"),
        .init("batch", "Job", "status.conditions", .atomic, smp: "type"),
        .init("batch", "CronJob", "spec.jobTemplate.\(podSpec).containers", .map(keys: ["name"]), smp: "name"),
        .init("batch", "CronJob", "spec.jobTemplate.\(podSpec).tolerations", .atomic),
        .init("", "Service", "spec.ports", .map(keys: ["port", "protocol"]), smp: "port"),
        .init("", "PersistentVolumeClaim", "spec.accessModes", .atomic),
        .init("", "Node", "spec.taints", .atomic),
        .init("", "Node", "spec.podCIDRs", .set, mergedPrimitive: true),
        .init("", "Node", "status.conditions", .map(keys: ["type"]), smp: "type"),
        .init("", "Node", "status.addresses", .map(keys: ["type"]), smp: "type"),
        .init("autoscaling", "HorizontalPodAutoscaler", "spec.metrics", .atomic),
        .init("autoscaling", "HorizontalPodAutoscaler", "status.conditions", .map(keys: ["type"]), smp: "type"),
        .init("", "Namespace", "spec.finalizers", .atomic),
        .init("core", "Namespace", "metadata.finalizers", .set, mergedPrimitive: true),
        .init("rbac.authorization.k8s.io", "ClusterRoleBinding", "subjects", .atomic),
        .init("", "ConfigMap", "metadata.ownerReferences", .map(keys: ["uid"]), smp: "uid"),
    ]

    @Test(arguments: lists)
    func listExtensions(_ c: ListCase) {
        let schema = BuiltinSchemas.schema(group: c.group, kind: c.kind)
        #expect(schema.listSemantics(at: c.schemaPath) == c.semantics)
        #expect(schema.patchMergeKey(at: c.schemaPath) == c.mergeKey)
        #expect(schema.isMergedPrimitiveList(at: c.schemaPath) == c.mergedPrimitive)
    }

    struct ObjectCase: CustomTestStringConvertible, Sendable {
        let group: String
        let kind: String
        let path: String
        let atomic: Bool
        var testDescription: String { "\(kind) \(path)" }
    }

    static let objects: [ObjectCase] = [
        .init(group: "apps", kind: "Deployment", path: "spec.selector", atomic: true),
        .init(group: "apps", kind: "ReplicaSet", path: "spec.selector", atomic: true),
        .init(group: "batch", kind: "Job", path: "spec.selector", atomic: true),
        .init(group: "", kind: "Service", path: "spec.selector", atomic: true),
        .init(group: "", kind: "Pod", path: "spec.nodeSelector", atomic: true),
        .init(group: "", kind: "Pod", path: "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution", atomic: true),
        .init(group: "", kind: "Pod", path: "spec.imagePullSecrets.[]", atomic: true),
        .init(group: "", kind: "Pod", path: "spec.containers.[].env.[].valueFrom.secretKeyRef", atomic: true),
        .init(group: "", kind: "Pod", path: "spec.topologySpreadConstraints.[].labelSelector", atomic: true),
        .init(group: "", kind: "Pod", path: "metadata.ownerReferences.[]", atomic: true),
        .init(group: "", kind: "PersistentVolumeClaim", path: "spec.selector", atomic: true),
        .init(group: "rbac.authorization.k8s.io", kind: "RoleBinding", path: "roleRef", atomic: true),
        .init(group: "", kind: "Pod", path: "metadata.labels", atomic: false),
        .init(group: "", kind: "Pod", path: "spec", atomic: false),
        .init(group: "", kind: "Pod", path: "spec.containers.[]", atomic: false),
        .init(group: "apps", kind: "Deployment", path: "spec.template", atomic: false),
    ]

    @Test(arguments: objects)
    func mapTypeExtensions(_ c: ObjectCase) {
        let path = c.path.split(separator: ".").map(String.init)
        #expect(BuiltinSchemas.schema(group: c.group, kind: c.kind).isAtomicObject(at: path) == c.atomic)
    }

    @Test func mapValuesAreReachableByAnyKey() {
        let schema = BuiltinSchemas.schema(group: "", kind: "Pod")
        #expect(schema.isAtomicObject(at: ["spec", "nodeSelector"]))
        #expect(!schema.isAtomicObject(at: ["spec", "nodeSelector", "{}"]))
        #expect(schema.listSemantics(at: ["spec", "containers", "0", "env"]) == .atomic)  // "[]" required
    }

    @Test func unknownKindsHaveNoSchema() {
        #expect(BuiltinSchemas.schema(group: "example.com", kind: "Widget") is NoSchemaInfo)
        #expect(!BuiltinSchemas.knows(group: "example.com", kind: "Widget"))
        #expect(BuiltinSchemas.knows(group: "", kind: "Pod"))
        #expect(BuiltinSchemas.schema(group: "apps", kind: "Pod") is NoSchemaInfo)
        #expect(BuiltinSchemas.objectMetaOnly.listSemantics(at: ["metadata", "finalizers"]) == .set)
    }

    @Test func unknownPathsUseDefaults() {
        let schema = BuiltinSchemas.schema(group: "", kind: "Pod")
        #expect(schema.listSemantics(at: ["spec", "nope"]) == .atomic)
        #expect(schema.patchMergeKey(at: ["spec", "containers", "[]", "image"]) == nil)
        #expect(!schema.isMergedPrimitiveList(at: ["spec"]))
        #expect(!schema.isAtomicObject(at: ["spec", "containers"]))
    }
}
