import Foundation
import KubeCore
import Testing

// Decoding of realistic kube-apiserver documents into the typed kinds, and lossless re-encoding
// for documents that contain only modelled fields.

private func decodeKind<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(json.utf8))
}

private extension JSONValue {
    /// The value without `null` object members, recursively. kube-apiserver writes `null` for
    /// empty `metav1.Time` fields (e.g. `creationTimestamp` in pod templates, `lastProbeTime`);
    /// the models decode those as nil and omit them when encoding.
    func kindsTestsWithoutNulls() -> JSONValue {
        switch self {
        case .object(let o):
            return .object(o.filter { !$0.value.isNull }.mapValues { $0.kindsTestsWithoutNulls() })
        case .array(let a):
            return .array(a.map { $0.kindsTestsWithoutNulls() })
        default:
            return self
        }
    }
}

/// Encodes `value` with ``JSONCoding`` and expects the same JSON as `json` (minus `null` members):
/// no field may be lost, renamed or added.
private func expectLosslessRoundTrip<T: Encodable>(
    _ value: T, _ json: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let encoded = try JSONValue.parse(JSONCoding.encode(value))
    let original = try JSONValue.parse(json).kindsTestsWithoutNulls()
    #expect(encoded == original, sourceLocation: sourceLocation)
}

private func expectAddress<K: KubeResource>(
    _ type: K.Type, group: String, version: String, kind: String, plural: String, scope: ResourceScope,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(K.group == group, sourceLocation: sourceLocation)
    #expect(K.version == version, sourceLocation: sourceLocation)
    #expect(K.kind == kind, sourceLocation: sourceLocation)
    #expect(K.plural == plural, sourceLocation: sourceLocation)
    #expect(K.scope == scope, sourceLocation: sourceLocation)
    #expect(K.descriptor == ResourceDescriptor(group: group, version: version, resource: plural, kind: kind, scope: scope), sourceLocation: sourceLocation)
}

private func time(_ s: String) -> Time? { Time(rfc3339: s) }
private func microTime(_ s: String) -> MicroTime? { MicroTime(rfc3339: s) }

@Suite("Typed kinds")
struct KindsTests {
    // MARK: - Static addresses

    @Test func staticAddressesMatchTheAPIServer() {
        expectAddress(Namespace.self, group: "", version: "v1", kind: "Namespace", plural: "namespaces", scope: .cluster)
        expectAddress(ConfigMap.self, group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", scope: .namespaced)
        expectAddress(Secret.self, group: "", version: "v1", kind: "Secret", plural: "secrets", scope: .namespaced)
        expectAddress(Service.self, group: "", version: "v1", kind: "Service", plural: "services", scope: .namespaced)
        expectAddress(ServiceAccount.self, group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts", scope: .namespaced)
        expectAddress(PersistentVolumeClaim.self, group: "", version: "v1", kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims", scope: .namespaced)
        expectAddress(Pod.self, group: "", version: "v1", kind: "Pod", plural: "pods", scope: .namespaced)
        expectAddress(Node.self, group: "", version: "v1", kind: "Node", plural: "nodes", scope: .cluster)
        expectAddress(CoreEvent.self, group: "", version: "v1", kind: "Event", plural: "events", scope: .namespaced)
        expectAddress(Deployment.self, group: "apps", version: "v1", kind: "Deployment", plural: "deployments", scope: .namespaced)
        expectAddress(ReplicaSet.self, group: "apps", version: "v1", kind: "ReplicaSet", plural: "replicasets", scope: .namespaced)
        expectAddress(Job.self, group: "batch", version: "v1", kind: "Job", plural: "jobs", scope: .namespaced)
        expectAddress(HorizontalPodAutoscaler.self, group: "autoscaling", version: "v2", kind: "HorizontalPodAutoscaler", plural: "horizontalpodautoscalers", scope: .namespaced)
        expectAddress(Lease.self, group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", scope: .namespaced)
        expectAddress(Event.self, group: "events.k8s.io", version: "v1", kind: "Event", plural: "events", scope: .namespaced)
        expectAddress(CustomResourceDefinition.self, group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition", plural: "customresourcedefinitions", scope: .cluster)
        expectAddress(VolumeSnapshot.self, group: "snapshot.storage.k8s.io", version: "v1", kind: "VolumeSnapshot", plural: "volumesnapshots", scope: .namespaced)
        expectAddress(HTTPRoute.self, group: "gateway.networking.k8s.io", version: "v1", kind: "HTTPRoute", plural: "httproutes", scope: .namespaced)
        expectAddress(Role.self, group: "rbac.authorization.k8s.io", version: "v1", kind: "Role", plural: "roles", scope: .namespaced)
        expectAddress(ClusterRole.self, group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole", plural: "clusterroles", scope: .cluster)
        expectAddress(RoleBinding.self, group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding", plural: "rolebindings", scope: .namespaced)
        expectAddress(ClusterRoleBinding.self, group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRoleBinding", plural: "clusterrolebindings", scope: .cluster)
    }

    @Test func instancesCarryTheirAPIVersionAndKind() {
        #expect(Deployment().apiVersion == "apps/v1")
        #expect(Deployment().kind == "Deployment")
        #expect(Pod().apiVersion == "v1")
        #expect(CoreEvent(involvedObject: ObjectReference()).kind == "Event")
        #expect(CoreEvent(involvedObject: ObjectReference()).apiVersion == "v1")
        #expect(Event().apiVersion == "events.k8s.io/v1")
        #expect(HorizontalPodAutoscaler().apiVersion == "autoscaling/v2")
        #expect(CustomResourceDefinition().apiVersion == "apiextensions.k8s.io/v1")
        #expect(HTTPRoute().apiVersion == "gateway.networking.k8s.io/v1")
        #expect(VolumeSnapshot().apiVersion == "snapshot.storage.k8s.io/v1")
        #expect(ClusterRoleBinding(roleRef: RoleRef(kind: "ClusterRole", name: "view")).apiVersion == "rbac.authorization.k8s.io/v1")
        #expect(Lease().apiVersion == Lease.apiVersion)
    }

    @Test func builtinKindsListsEveryKindOnce() {
        let all = BuiltinKinds.all
        #expect(all.count == 22)
        #expect(Set(all.map(\.gvr)).count == 22)
        #expect(all.contains(Deployment.descriptor))
        #expect(all.contains(HTTPRoute.descriptor))
        #expect(BuiltinKinds.descriptor(apiVersion: "v1", kind: "Event") == CoreEvent.descriptor)
        #expect(BuiltinKinds.descriptor(apiVersion: "events.k8s.io/v1", kind: "Event")?.gvr.description == "events.k8s.io/v1/events")
        #expect(BuiltinKinds.descriptor(apiVersion: "apps/v1", kind: "Pod") == nil)
        #expect(all.filter { $0.scope == .cluster }.map(\.kind).sorted() == ["ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "Namespace", "Node"])
    }

    // MARK: - Encoding

    @Test func encodingOmitsNilFields() throws {
        let selector = try JSONValue.object(["matchLabels": ["app": "web"]]).decode(as: LabelSelector.self)
        let deployment = Deployment(
            metadata: ObjectMeta(name: "web", namespace: "default"),
            spec: DeploymentSpec(
                replicas: 2, selector: selector,
                template: PodTemplateSpec(
                    metadata: ObjectMeta(labels: ["app": "web"]),
                    spec: PodSpec(containers: [Container(name: "web", image: "nginx:1.27", ports: [ContainerPort(containerPort: 80)])])
                )
            )
        )
        let text = String(decoding: try JSONCoding.encode(deployment), as: UTF8.self)
        #expect(text == #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"web","ports":[{"containerPort":80}]}]}}}}"#)
    }

    @Test func listItemsWithoutAPIVersionAndKindDecode() throws {
        let list = try decodeKind(ObjectList<Pod>.self, #"""
        {"kind": "PodList", "apiVersion": "v1", "metadata": {"resourceVersion": "4711"},
         "items": [{"metadata": {"name": "a", "namespace": "dify"}, "spec": {"containers": [{"name": "c", "image": "busybox"}]}, "status": {"phase": "Pending"}}]}
        """#)
        #expect(list.metadata.resourceVersion == "4711")
        #expect(list.items.count == 1)
        #expect(list.items[0].apiVersion == "v1")
        #expect(list.items[0].kind == "Pod")
        #expect(list.items[0].metadata.name == "a")
        #expect(list.items[0].spec?.containers.map(\.name) == ["c"])
        #expect(list.items[0].status?.phase == "Pending")
    }

    @Test func missingRequiredFieldFailsToDecode() {
        // `containers` is required in a PodSpec, `port` in a ServicePort.
        #expect(throws: DecodingError.self) { try decodeKind(Pod.self, #"{"metadata": {"name": "a"}, "spec": {"nodeName": "n"}}"#) }
        #expect(throws: DecodingError.self) { try decodeKind(Service.self, #"{"spec": {"ports": [{"name": "http"}]}}"#) }
    }

    // MARK: - apps/v1

    static let deploymentJSON = #"""
    {
      "apiVersion": "apps/v1",
      "kind": "Deployment",
      "metadata": {
        "annotations": {"deployment.kubernetes.io/revision": "3"},
        "creationTimestamp": "2024-05-01T10:00:00Z",
        "generation": 4,
        "labels": {"app.kubernetes.io/name": "dify-api"},
        "managedFields": [{"apiVersion": "apps/v1", "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {"f:replicas": {}}}, "manager": "dify-operator", "operation": "Apply", "time": "2024-05-01T10:00:00Z"}],
        "name": "dify-api",
        "namespace": "dify",
        "ownerReferences": [{"apiVersion": "dify.example.com/v1alpha1", "blockOwnerDeletion": true, "controller": true, "kind": "Dify", "name": "main", "uid": "7c0e9a4e-2c1f-4b8e-9d7a-1f2e3d4c5b6a"}],
        "resourceVersion": "123456",
        "uid": "0b8f3f2a-5b8e-4d3c-a1f0-9e8d7c6b5a49"
      },
      "spec": {
        "progressDeadlineSeconds": 600,
        "replicas": 3,
        "revisionHistoryLimit": 10,
        "selector": {"matchLabels": {"app.kubernetes.io/name": "dify-api"}},
        "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}, "type": "RollingUpdate"},
        "template": {
          "metadata": {"annotations": {"checksum/config": "abc123"}, "creationTimestamp": null, "labels": {"app.kubernetes.io/name": "dify-api"}},
          "spec": {
            "containers": [{
              "args": ["serve"],
              "env": [
                {"name": "MODE", "value": "api"},
                {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"key": "password", "name": "dify-db"}}},
                {"name": "POD_NAMESPACE", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}},
                {"name": "CPU_LIMIT", "valueFrom": {"resourceFieldRef": {"containerName": "api", "divisor": "0", "resource": "limits.cpu"}}}
              ],
              "envFrom": [{"configMapRef": {"name": "dify-api-env"}}, {"prefix": "S3_", "secretRef": {"name": "dify-s3", "optional": true}}],
              "image": "langgenius/dify-api:1.4.0",
              "imagePullPolicy": "IfNotPresent",
              "livenessProbe": {"failureThreshold": 3, "initialDelaySeconds": 30, "periodSeconds": 10, "successThreshold": 1, "tcpSocket": {"port": 5001}, "timeoutSeconds": 1},
              "name": "api",
              "ports": [{"containerPort": 5001, "name": "http", "protocol": "TCP"}],
              "readinessProbe": {"failureThreshold": 3, "httpGet": {"path": "/health", "port": "http", "scheme": "HTTP"}, "periodSeconds": 10, "successThreshold": 1, "timeoutSeconds": 1},
              "resources": {"limits": {"cpu": "2", "memory": "4Gi"}, "requests": {"cpu": "500m", "memory": "1Gi"}},
              "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "readOnlyRootFilesystem": true, "runAsNonRoot": true, "runAsUser": 1001},
              "terminationMessagePath": "/dev/termination-log",
              "terminationMessagePolicy": "File",
              "volumeMounts": [{"mountPath": "/app/storage", "name": "storage"}, {"mountPath": "/etc/dify/config.yaml", "name": "config", "readOnly": true, "subPath": "config.yaml"}]
            }],
            "dnsPolicy": "ClusterFirst",
            "restartPolicy": "Always",
            "schedulerName": "default-scheduler",
            "securityContext": {"fsGroup": 1001, "seccompProfile": {"type": "RuntimeDefault"}},
            "serviceAccount": "dify-api",
            "serviceAccountName": "dify-api",
            "terminationGracePeriodSeconds": 30,
            "volumes": [
              {"name": "storage", "persistentVolumeClaim": {"claimName": "dify-storage"}},
              {"configMap": {"defaultMode": 420, "name": "dify-config"}, "name": "config"}
            ]
          }
        }
      },
      "status": {
        "availableReplicas": 3,
        "conditions": [
          {"lastTransitionTime": "2024-05-01T10:00:05Z", "lastUpdateTime": "2024-05-01T10:00:05Z", "message": "Deployment has minimum availability.", "reason": "MinimumReplicasAvailable", "status": "True", "type": "Available"},
          {"lastTransitionTime": "2024-05-01T10:00:00Z", "lastUpdateTime": "2024-05-01T10:02:10Z", "message": "ReplicaSet \"dify-api-7d9c8b6f5\" has successfully progressed.", "reason": "NewReplicaSetAvailable", "status": "True", "type": "Progressing"}
        ],
        "observedGeneration": 4,
        "readyReplicas": 3,
        "replicas": 3,
        "updatedReplicas": 3
      }
    }
    """#

    @Test func deployment() throws {
        let d = try decodeKind(Deployment.self, Self.deploymentJSON)
        #expect(d.apiVersion == "apps/v1")
        #expect(d.kind == "Deployment")
        #expect(d.metadata.name == "dify-api")
        #expect(d.metadata.generation == 4)
        #expect(d.metadata.controllerReference?.kind == "Dify")
        let spec = try #require(d.spec)
        #expect(spec.replicas == 3)
        #expect(spec.progressDeadlineSeconds == 600)
        #expect(spec.selector.matchLabels == ["app.kubernetes.io/name": "dify-api"])
        #expect(spec.strategy?.type == "RollingUpdate")
        #expect(spec.strategy?.rollingUpdate?.maxSurge == .string("25%"))
        #expect(spec.strategy?.rollingUpdate?.maxUnavailable == .int(1))
        #expect(spec.template.metadata?.creationTimestamp == nil)
        #expect(spec.template.metadata?.annotations?["checksum/config"] == "abc123")

        let pod = try #require(spec.template.spec)
        #expect(pod.serviceAccountName == "dify-api")
        #expect(pod.terminationGracePeriodSeconds == 30)
        #expect(pod.securityContext?.fsGroup == 1001)
        #expect(pod.securityContext?.seccompProfile?.type == "RuntimeDefault")
        #expect(pod.volumes?[0].persistentVolumeClaim?.claimName == "dify-storage")
        #expect(pod.volumes?[1].configMap?.name == "dify-config")
        #expect(pod.volumes?[1].configMap?.defaultMode == 420)

        let c = try #require(pod.containers.first)
        #expect(pod.containers.count == 1)
        #expect(c.name == "api")
        #expect(c.image == "langgenius/dify-api:1.4.0")
        #expect(c.args == ["serve"])
        #expect(c.env?.map(\.name) == ["MODE", "DB_PASSWORD", "POD_NAMESPACE", "CPU_LIMIT"])
        #expect(c.env?[0].value == "api")
        #expect(c.env?[1].valueFrom?.secretKeyRef == SecretKeySelector(name: "dify-db", key: "password"))
        #expect(c.env?[2].valueFrom?.fieldRef?.fieldPath == "metadata.namespace")
        #expect(c.env?[3].valueFrom?.resourceFieldRef?["resource"] == "limits.cpu")
        #expect(c.envFrom?[0].configMapRef?.name == "dify-api-env")
        #expect(c.envFrom?[1].prefix == "S3_")
        #expect(c.envFrom?[1].secretRef?.optional == true)
        #expect(c.ports == [ContainerPort(name: "http", containerPort: 5001, protocol: "TCP")])
        #expect(c.readinessProbe?.httpGet?.port == .string("http"))
        #expect(c.readinessProbe?.httpGet?.path == "/health")
        #expect(c.livenessProbe?.tcpSocket?.port == .int(5001))
        #expect(c.livenessProbe?.initialDelaySeconds == 30)
        #expect(c.resources?.requests?["cpu"] == (try Quantity("500m")))
        #expect(c.resources?.limits?["memory"] == (try Quantity("4Gi")))
        #expect(c.securityContext?.capabilities?.drop == ["ALL"])
        #expect(c.securityContext?.allowPrivilegeEscalation == false)
        #expect(c.securityContext?.runAsUser == 1001)
        #expect(c.volumeMounts?[1] == VolumeMount(name: "config", mountPath: "/etc/dify/config.yaml", readOnly: true, subPath: "config.yaml"))

        let status = try #require(d.status)
        #expect(status.observedGeneration == 4)
        #expect(status.availableReplicas == 3)
        #expect(status.unavailableReplicas == nil)
        #expect(status.conditions?.count == 2)
        #expect(status.conditions?[0].type == "Available")
        #expect(status.conditions?[0].status == .true)
        #expect(status.conditions?[0].reason == "MinimumReplicasAvailable")
        #expect(status.conditions?[1].lastUpdateTime == time("2024-05-01T10:02:10Z"))
        #expect(status.conditions?[1].message == #"ReplicaSet "dify-api-7d9c8b6f5" has successfully progressed."#)

        try expectLosslessRoundTrip(d, Self.deploymentJSON)
    }

    @Test func replicaSet() throws {
        let json = #"""
        {"apiVersion": "apps/v1", "kind": "ReplicaSet",
         "metadata": {"name": "dify-api-7d9c8b6f5", "namespace": "dify", "labels": {"pod-template-hash": "7d9c8b6f5"},
                      "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": true, "controller": true, "kind": "Deployment", "name": "dify-api", "uid": "0b8f3f2a-5b8e-4d3c-a1f0-9e8d7c6b5a49"}]},
         "spec": {"minReadySeconds": 5, "replicas": 2, "selector": {"matchLabels": {"pod-template-hash": "7d9c8b6f5"}},
                  "template": {"metadata": {"labels": {"pod-template-hash": "7d9c8b6f5"}}, "spec": {"containers": [{"image": "nginx", "name": "web"}]}}},
         "status": {"availableReplicas": 1, "conditions": [{"lastTransitionTime": "2024-05-01T10:00:00Z", "message": "pods \"x\" is forbidden: exceeded quota", "reason": "FailedCreate", "status": "True", "type": "ReplicaFailure"}],
                    "fullyLabeledReplicas": 2, "observedGeneration": 1, "readyReplicas": 1, "replicas": 2}}
        """#
        let rs = try decodeKind(ReplicaSet.self, json)
        #expect(rs.spec?.replicas == 2)
        #expect(rs.spec?.minReadySeconds == 5)
        #expect(rs.spec?.template?.spec?.containers[0].image == "nginx")
        #expect(rs.metadata.controllerReference?.name == "dify-api")
        #expect(rs.status?.replicas == 2)
        #expect(rs.status?.fullyLabeledReplicas == 2)
        #expect(rs.status?.conditions?[0].reason == "FailedCreate")
        try expectLosslessRoundTrip(rs, json)
    }

    // MARK: - core/v1 Pod

    static let podJSON = #"""
    {
      "apiVersion": "v1",
      "kind": "Pod",
      "metadata": {
        "creationTimestamp": "2024-05-01T10:00:00Z",
        "generateName": "dify-api-7d9c8b6f5-",
        "labels": {"app.kubernetes.io/name": "dify-api", "pod-template-hash": "7d9c8b6f5"},
        "name": "dify-api-7d9c8b6f5-x2x7q",
        "namespace": "dify",
        "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": true, "controller": true, "kind": "ReplicaSet", "name": "dify-api-7d9c8b6f5", "uid": "1a2b3c4d-0000-4000-8000-000000000001"}],
        "resourceVersion": "98765",
        "uid": "5e6f7a8b-0000-4000-8000-000000000002"
      },
      "spec": {
        "affinity": {
          "nodeAffinity": {
            "preferredDuringSchedulingIgnoredDuringExecution": [{"preference": {"matchExpressions": [{"key": "node.kubernetes.io/instance-type", "operator": "NotIn", "values": ["t3.small"]}], "matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["node-0"]}]}, "weight": 50}],
            "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["amd64", "arm64"]}, {"key": "gpu", "operator": "DoesNotExist"}]}]}
          },
          "podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"podAffinityTerm": {"labelSelector": {"matchLabels": {"app.kubernetes.io/name": "dify-api"}}, "topologyKey": "kubernetes.io/hostname"}, "weight": 100}]}
        },
        "automountServiceAccountToken": true,
        "containers": [{
          "args": ["exec gunicorn app:app"],
          "command": ["/bin/sh", "-c"],
          "env": [{"name": "LOG_LEVEL", "valueFrom": {"configMapKeyRef": {"key": "level", "name": "logging", "optional": true}}}],
          "image": "langgenius/dify-api:1.4.0",
          "imagePullPolicy": "IfNotPresent",
          "lifecycle": {"preStop": {"exec": {"command": ["sleep", "5"]}}},
          "livenessProbe": {"grpc": {"port": 9090, "service": "liveness"}, "terminationGracePeriodSeconds": 10},
          "name": "api",
          "ports": [{"containerPort": 5001, "name": "http", "protocol": "TCP"}, {"containerPort": 9090, "hostPort": 19090, "protocol": "TCP"}],
          "readinessProbe": {"httpGet": {"httpHeaders": [{"name": "X-Probe", "value": "1"}], "path": "/ready", "port": 5001, "scheme": "HTTPS"}},
          "resources": {"limits": {"memory": "512Mi"}, "requests": {"cpu": "250m", "memory": "256Mi"}},
          "securityContext": {"capabilities": {"add": ["NET_BIND_SERVICE"]}, "privileged": false, "runAsGroup": 1000, "seccompProfile": {"localhostProfile": "profiles/api.json", "type": "Localhost"}},
          "startupProbe": {"exec": {"command": ["cat", "/tmp/ready"]}, "failureThreshold": 30, "periodSeconds": 2},
          "stdin": false,
          "terminationMessagePath": "/dev/termination-log",
          "terminationMessagePolicy": "FallbackToLogsOnError",
          "tty": false,
          "volumeMounts": [{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": "kube-api-access-abcde", "readOnly": true}, {"mountPath": "/cache", "name": "cache"}],
          "workingDir": "/app"
        }],
        "dnsPolicy": "ClusterFirst",
        "enableServiceLinks": false,
        "hostNetwork": false,
        "imagePullSecrets": [{"name": "regcred"}],
        "initContainers": [{"args": ["migrate"], "image": "langgenius/dify-api:1.4.0", "name": "migrate", "resources": {}}],
        "nodeName": "node-1",
        "nodeSelector": {"kubernetes.io/os": "linux"},
        "preemptionPolicy": "PreemptLowerPriority",
        "priority": 1000,
        "priorityClassName": "dify-high",
        "restartPolicy": "Always",
        "schedulerName": "default-scheduler",
        "securityContext": {"fsGroup": 2000, "runAsGroup": 1000, "runAsNonRoot": true, "runAsUser": 1000},
        "serviceAccount": "default",
        "serviceAccountName": "default",
        "shareProcessNamespace": true,
        "terminationGracePeriodSeconds": 45,
        "tolerations": [
          {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
          {"effect": "NoSchedule", "key": "dedicated", "operator": "Equal", "value": "dify"}
        ],
        "topologySpreadConstraints": [{"labelSelector": {"matchLabels": {"app.kubernetes.io/name": "dify-api"}}, "maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "ScheduleAnyway"}],
        "volumes": [
          {"name": "kube-api-access-abcde", "projected": {"defaultMode": 420, "sources": [{"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}}]}},
          {"emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}, "name": "cache"},
          {"emptyDir": {}, "name": "scratch"},
          {"name": "tls", "secret": {"defaultMode": 256, "items": [{"key": "tls.crt", "path": "cert.pem"}, {"key": "tls.key", "mode": 384, "path": "key.pem"}], "optional": false, "secretName": "dify-tls"}},
          {"hostPath": {"path": "/var/log", "type": "Directory"}, "name": "host"},
          {"downwardAPI": {"items": [{"fieldRef": {"fieldPath": "metadata.labels"}, "path": "labels"}]}, "name": "podinfo"},
          {"csi": {"driver": "secrets-store.csi.k8s.io", "readOnly": true, "volumeAttributes": {"secretProviderClass": "dify"}}, "name": "inline"}
        ]
      },
      "status": {
        "conditions": [
          {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T10:00:03Z", "status": "True", "type": "PodReadyToStartContainers"},
          {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T10:00:10Z", "status": "True", "type": "Ready"},
          {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T10:00:00Z", "status": "True", "type": "PodScheduled"}
        ],
        "containerStatuses": [{
          "containerID": "containerd://4f1e2d3c",
          "image": "docker.io/langgenius/dify-api:1.4.0",
          "imageID": "docker.io/langgenius/dify-api@sha256:0123abcd",
          "lastState": {"terminated": {"containerID": "containerd://0a0b", "exitCode": 137, "finishedAt": "2024-05-01T10:00:08Z", "reason": "OOMKilled", "startedAt": "2024-05-01T10:00:04Z"}},
          "name": "api",
          "ready": true,
          "restartCount": 1,
          "started": true,
          "state": {"running": {"startedAt": "2024-05-01T10:00:09Z"}}
        }],
        "hostIP": "10.0.0.11",
        "hostIPs": [{"ip": "10.0.0.11"}],
        "initContainerStatuses": [{"containerID": "containerd://9e8d", "image": "docker.io/langgenius/dify-api:1.4.0", "imageID": "docker.io/langgenius/dify-api@sha256:0123abcd", "lastState": {}, "name": "migrate", "ready": true, "restartCount": 0, "started": false, "state": {"terminated": {"containerID": "containerd://9e8d", "exitCode": 0, "finishedAt": "2024-05-01T10:00:02Z", "reason": "Completed", "startedAt": "2024-05-01T10:00:01Z"}}}],
        "phase": "Running",
        "podIP": "10.244.1.23",
        "podIPs": [{"ip": "10.244.1.23"}, {"ip": "fd00:10:244:1::17"}],
        "qosClass": "Burstable",
        "startTime": "2024-05-01T10:00:00Z"
      }
    }
    """#

    @Test func pod() throws {
        let p = try decodeKind(Pod.self, Self.podJSON)
        #expect(p.metadata.generateName == "dify-api-7d9c8b6f5-")
        let spec = try #require(p.spec)
        #expect(spec.nodeName == "node-1")
        #expect(spec.nodeSelector == ["kubernetes.io/os": "linux"])
        #expect(spec.priority == 1000)
        #expect(spec.priorityClassName == "dify-high")
        #expect(spec.shareProcessNamespace == true)
        #expect(spec.enableServiceLinks == false)
        #expect(spec.imagePullSecrets == [LocalObjectReference(name: "regcred")])
        #expect(spec.securityContext == PodSecurityContext(runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true, fsGroup: 2000))
        #expect(spec.tolerations?[0] == Toleration(key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300))
        #expect(spec.tolerations?[1].value == "dify")
        #expect(spec.topologySpreadConstraints?[0]["maxSkew"] == 1)

        let nodeAffinity = try #require(spec.affinity?.nodeAffinity)
        let term = try #require(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms.first)
        #expect(term.matchExpressions?[0] == NodeSelectorRequirement(key: "kubernetes.io/arch", operator: "In", values: ["amd64", "arm64"]))
        #expect(term.matchExpressions?[1].operator == "DoesNotExist")
        #expect(term.matchExpressions?[1].values == nil)
        #expect(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution?[0].weight == 50)
        #expect(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution?[0].preference.matchFields?[0].key == "metadata.name")
        #expect(spec.affinity?.podAntiAffinity?[path: ["preferredDuringSchedulingIgnoredDuringExecution"]][0]["weight"] == 100)

        #expect(spec.initContainers?.map(\.name) == ["migrate"])
        #expect(spec.initContainers?[0].resources == ResourceRequirements())
        let c = spec.containers[0]
        #expect(c.command == ["/bin/sh", "-c"])
        #expect(c.workingDir == "/app")
        #expect(c.env?[0].valueFrom?.configMapKeyRef == ConfigMapKeySelector(name: "logging", key: "level", optional: true))
        #expect(c.ports?[1].hostPort == 19090)
        #expect(c.ports?[1].name == nil)
        #expect(c.startupProbe?.exec?.command == ["cat", "/tmp/ready"])
        #expect(c.startupProbe?.failureThreshold == 30)
        #expect(c.livenessProbe?.grpc == GRPCAction(port: 9090, service: "liveness"))
        #expect(c.livenessProbe?.terminationGracePeriodSeconds == 10)
        #expect(c.readinessProbe?.httpGet?.port == .int(5001))
        #expect(c.readinessProbe?.httpGet?.scheme == "HTTPS")
        #expect(c.readinessProbe?.httpGet?.httpHeaders == [HTTPHeader(name: "X-Probe", value: "1")])
        #expect(c.resources?.requests == ["cpu": try Quantity("250m"), "memory": try Quantity("256Mi")])
        #expect(c.securityContext?.seccompProfile == SeccompProfile(type: "Localhost", localhostProfile: "profiles/api.json"))
        #expect(c.securityContext?.capabilities?.add == ["NET_BIND_SERVICE"])
        #expect(c.securityContext?.privileged == false)
        #expect(c.lifecycle?[path: ["preStop", "exec", "command"]] == ["sleep", "5"])
        #expect(c.terminationMessagePolicy == "FallbackToLogsOnError")
        #expect(c.stdin == false)

        let volumes = try #require(spec.volumes)
        #expect(volumes.map(\.name) == ["kube-api-access-abcde", "cache", "scratch", "tls", "host", "podinfo", "inline"])
        #expect(volumes[0].projected?["defaultMode"] == 420)
        #expect(volumes[1].emptyDir == EmptyDirVolumeSource(medium: "Memory", sizeLimit: try Quantity("64Mi")))
        #expect(volumes[2].emptyDir == EmptyDirVolumeSource())
        #expect(volumes[3].secret?.secretName == "dify-tls")
        #expect(volumes[3].secret?.items?[1] == KeyToPath(key: "tls.key", path: "key.pem", mode: 384))
        #expect(volumes[3].secret?.defaultMode == 256)
        #expect(volumes[4].hostPath == HostPathVolumeSource(path: "/var/log", type: "Directory"))
        #expect(volumes[5].downwardAPI?["items"][0]["path"] == "labels")
        #expect(volumes[6].csi?["driver"] == "secrets-store.csi.k8s.io")

        let status = try #require(p.status)
        #expect(status.phase == "Running")
        #expect(status.qosClass == "Burstable")
        #expect(status.startTime == time("2024-05-01T10:00:00Z"))
        #expect(status.podIP == "10.244.1.23")
        #expect(status.podIPs == [PodIP(ip: "10.244.1.23"), PodIP(ip: "fd00:10:244:1::17")])
        #expect(status.hostIPs == [HostIP(ip: "10.0.0.11")])
        #expect(status.conditions?.map(\.type) == ["PodReadyToStartContainers", "Ready", "PodScheduled"])
        #expect(status.conditions?[1].status == .true)
        #expect(status.conditions?[1].lastProbeTime == nil)
        #expect(status.conditions?[1].lastTransitionTime == time("2024-05-01T10:00:10Z"))
        let cs = try #require(status.containerStatuses?.first)
        #expect(cs.name == "api")
        #expect(cs.ready)
        #expect(cs.started == true)
        #expect(cs.restartCount == 1)
        #expect(cs.imageID == "docker.io/langgenius/dify-api@sha256:0123abcd")
        #expect(cs.containerID == "containerd://4f1e2d3c")
        #expect(cs.state?["running"]["startedAt"] == "2024-05-01T10:00:09Z")
        #expect(cs.lastState?["terminated"]["reason"] == "OOMKilled")
        #expect(cs.lastState?["terminated"]["exitCode"] == 137)
        #expect(status.initContainerStatuses?[0].lastState == .emptyObject)

        try expectLosslessRoundTrip(p, Self.podJSON)
    }

    // MARK: - core/v1 Node

    static let nodeJSON = #"""
    {
      "apiVersion": "v1",
      "kind": "Node",
      "metadata": {
        "annotations": {"node.alpha.kubernetes.io/ttl": "0"},
        "creationTimestamp": "2024-04-01T00:00:00Z",
        "labels": {"kubernetes.io/arch": "amd64", "kubernetes.io/hostname": "node-1", "kubernetes.io/os": "linux", "node-role.kubernetes.io/worker": ""},
        "name": "node-1",
        "resourceVersion": "1212",
        "uid": "3c2b1a00-0000-4000-8000-000000000004"
      },
      "spec": {
        "podCIDR": "10.244.1.0/24",
        "podCIDRs": ["10.244.1.0/24", "fd00:10:244:1::/64"],
        "providerID": "aws:///eu-west-1a/i-0123456789abcdef0",
        "taints": [
          {"effect": "NoSchedule", "key": "node.kubernetes.io/unschedulable", "timeAdded": "2024-05-01T15:00:00Z"},
          {"effect": "NoExecute", "key": "dedicated", "value": "dify"}
        ],
        "unschedulable": true
      },
      "status": {
        "addresses": [{"address": "10.0.0.11", "type": "InternalIP"}, {"address": "node-1", "type": "Hostname"}],
        "allocatable": {"cpu": "3920m", "ephemeral-storage": "47093746742", "hugepages-2Mi": "0", "memory": "7902588Ki", "pods": "110"},
        "capacity": {"cpu": "4", "ephemeral-storage": "51099116Ki", "hugepages-2Mi": "0", "memory": "8004988Ki", "pods": "110"},
        "conditions": [
          {"lastHeartbeatTime": "2024-05-01T15:10:00Z", "lastTransitionTime": "2024-04-01T00:01:00Z", "message": "kubelet has sufficient memory available", "reason": "KubeletHasSufficientMemory", "status": "False", "type": "MemoryPressure"},
          {"lastHeartbeatTime": "2024-05-01T15:10:00Z", "lastTransitionTime": "2024-04-01T00:02:00Z", "message": "kubelet is posting ready status", "reason": "KubeletReady", "status": "True", "type": "Ready"}
        ],
        "nodeInfo": {"architecture": "amd64", "bootID": "b1", "containerRuntimeVersion": "containerd://1.7.13", "kernelVersion": "6.1.0-21-cloud-amd64", "kubeProxyVersion": "", "kubeletVersion": "v1.30.1", "machineID": "m1", "operatingSystem": "linux", "osImage": "Debian GNU/Linux 12 (bookworm)", "systemUUID": "s1"}
      }
    }
    """#

    @Test func node() throws {
        let n = try decodeKind(Node.self, Self.nodeJSON)
        #expect(n.metadata.name == "node-1")
        #expect(n.metadata.namespace == nil)
        #expect(n.spec?.unschedulable == true)
        #expect(n.spec?.podCIDR == "10.244.1.0/24")
        #expect(n.spec?.podCIDRs?.count == 2)
        #expect(n.spec?.providerID == "aws:///eu-west-1a/i-0123456789abcdef0")
        #expect(n.spec?.taints?[0] == Taint(key: "node.kubernetes.io/unschedulable", effect: "NoSchedule", timeAdded: time("2024-05-01T15:00:00Z")))
        #expect(n.spec?.taints?[1] == Taint(key: "dedicated", value: "dify", effect: "NoExecute"))
        let status = try #require(n.status)
        #expect(status.capacity?["cpu"] == (try Quantity("4")))
        #expect(status.allocatable?["cpu"] == (try Quantity("3920m")))
        #expect(status.allocatable?["memory"] == (try Quantity("7902588Ki")))
        #expect(status.allocatable?["pods"] == (try Quantity("110")))
        #expect(status.allocatable?.count == 5)
        #expect(status.addresses == [NodeAddress(type: "InternalIP", address: "10.0.0.11"), NodeAddress(type: "Hostname", address: "node-1")])
        #expect(status.conditions?[0].type == "MemoryPressure")
        #expect(status.conditions?[0].status == .false)
        #expect(status.conditions?[1].reason == "KubeletReady")
        #expect(status.conditions?[1].lastHeartbeatTime == time("2024-05-01T15:10:00Z"))
        #expect(status.nodeInfo?["kubeletVersion"] == "v1.30.1")
        try expectLosslessRoundTrip(n, Self.nodeJSON)
    }

    // MARK: - batch/v1

    static let jobJSON = #"""
    {
      "apiVersion": "batch/v1",
      "kind": "Job",
      "metadata": {
        "creationTimestamp": "2024-05-02T08:00:00Z",
        "generation": 1,
        "labels": {"batch.kubernetes.io/controller-uid": "c0ffee00-0000-4000-8000-000000000003", "batch.kubernetes.io/job-name": "dify-migrate", "controller-uid": "c0ffee00-0000-4000-8000-000000000003", "job-name": "dify-migrate"},
        "name": "dify-migrate",
        "namespace": "dify",
        "resourceVersion": "2001",
        "uid": "c0ffee00-0000-4000-8000-000000000003"
      },
      "spec": {
        "activeDeadlineSeconds": 1800,
        "backoffLimit": 4,
        "completionMode": "NonIndexed",
        "completions": 1,
        "manualSelector": false,
        "parallelism": 1,
        "podFailurePolicy": {"rules": [{"action": "FailJob", "onExitCodes": {"containerName": "migrate", "operator": "In", "values": [42]}}, {"action": "Ignore", "onPodConditions": [{"status": "True", "type": "DisruptionTarget"}]}]},
        "podReplacementPolicy": "Failed",
        "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "c0ffee00-0000-4000-8000-000000000003"}},
        "suspend": false,
        "template": {
          "metadata": {"creationTimestamp": null, "labels": {"batch.kubernetes.io/job-name": "dify-migrate", "job-name": "dify-migrate"}},
          "spec": {"containers": [{"args": ["flask", "db", "upgrade"], "image": "langgenius/dify-api:1.4.0", "name": "migrate"}], "restartPolicy": "Never"}
        },
        "ttlSecondsAfterFinished": 3600
      },
      "status": {
        "completionTime": "2024-05-02T08:01:30Z",
        "conditions": [
          {"lastProbeTime": "2024-05-02T08:01:30Z", "lastTransitionTime": "2024-05-02T08:01:30Z", "message": "Reached expected number of succeeded pods", "reason": "CompletionsReached", "status": "True", "type": "SuccessCriteriaMet"},
          {"lastProbeTime": "2024-05-02T08:01:30Z", "lastTransitionTime": "2024-05-02T08:01:31Z", "message": "Reached expected number of succeeded pods", "reason": "CompletionsReached", "status": "True", "type": "Complete"}
        ],
        "ready": 0,
        "startTime": "2024-05-02T08:00:00Z",
        "succeeded": 1,
        "terminating": 0,
        "uncountedTerminatedPods": {}
      }
    }
    """#

    @Test func job() throws {
        let j = try decodeKind(Job.self, Self.jobJSON)
        let spec = try #require(j.spec)
        #expect(spec.activeDeadlineSeconds == 1800)
        #expect(spec.backoffLimit == 4)
        #expect(spec.completions == 1)
        #expect(spec.parallelism == 1)
        #expect(spec.completionMode == "NonIndexed")
        #expect(spec.manualSelector == false)
        #expect(spec.suspend == false)
        #expect(spec.ttlSecondsAfterFinished == 3600)
        #expect(spec.podReplacementPolicy == "Failed")
        #expect(spec.selector?.matchLabels?["batch.kubernetes.io/controller-uid"] == "c0ffee00-0000-4000-8000-000000000003")
        #expect(spec.podFailurePolicy?["rules"][0]["onExitCodes"]["values"] == [42])
        #expect(spec.template.spec?.restartPolicy == "Never")
        #expect(spec.template.spec?.containers[0].args == ["flask", "db", "upgrade"])
        let status = try #require(j.status)
        #expect(status.startTime == time("2024-05-02T08:00:00Z"))
        #expect(status.completionTime == time("2024-05-02T08:01:30Z"))
        #expect(status.succeeded == 1)
        #expect(status.failed == nil)
        #expect(status.active == nil)
        #expect(status.ready == 0)
        #expect(status.terminating == 0)
        #expect(status.uncountedTerminatedPods == .emptyObject)
        #expect(status.conditions?.map(\.type) == ["SuccessCriteriaMet", "Complete"])
        #expect(status.conditions?[1] == JobCondition(
            type: "Complete", status: .true, lastProbeTime: time("2024-05-02T08:01:30Z"),
            lastTransitionTime: time("2024-05-02T08:01:31Z"), reason: "CompletionsReached",
            message: "Reached expected number of succeeded pods"))
        try expectLosslessRoundTrip(j, Self.jobJSON)
    }

    // MARK: - autoscaling/v2

    static let hpaJSON = #"""
    {
      "apiVersion": "autoscaling/v2",
      "kind": "HorizontalPodAutoscaler",
      "metadata": {"creationTimestamp": "2024-05-01T10:00:00Z", "name": "dify-api", "namespace": "dify", "resourceVersion": "3003", "uid": "aa000000-0000-4000-8000-000000000005"},
      "spec": {
        "behavior": {
          "scaleDown": {"policies": [{"periodSeconds": 15, "type": "Percent", "value": 100}], "selectPolicy": "Max", "stabilizationWindowSeconds": 300},
          "scaleUp": {"policies": [{"periodSeconds": 15, "type": "Pods", "value": 4}, {"periodSeconds": 15, "type": "Percent", "value": 100}], "selectPolicy": "Max", "stabilizationWindowSeconds": 0}
        },
        "maxReplicas": 10,
        "metrics": [
          {"resource": {"name": "cpu", "target": {"averageUtilization": 70, "type": "Utilization"}}, "type": "Resource"},
          {"pods": {"metric": {"name": "requests_per_second"}, "target": {"averageValue": "100", "type": "AverageValue"}}, "type": "Pods"}
        ],
        "minReplicas": 2,
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "dify-api"}
      },
      "status": {
        "conditions": [
          {"lastTransitionTime": "2024-05-01T10:05:00Z", "message": "recommended size matches current size", "reason": "ReadyForNewScale", "status": "True", "type": "AbleToScale"},
          {"lastTransitionTime": "2024-05-01T10:05:00Z", "message": "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)", "reason": "ValidMetricFound", "status": "True", "type": "ScalingActive"}
        ],
        "currentMetrics": [{"resource": {"current": {"averageUtilization": 35, "averageValue": "175m"}, "name": "cpu"}, "type": "Resource"}],
        "currentReplicas": 3,
        "desiredReplicas": 3,
        "lastScaleTime": "2024-05-01T10:04:00Z",
        "observedGeneration": 2
      }
    }
    """#

    @Test func horizontalPodAutoscaler() throws {
        let h = try decodeKind(HorizontalPodAutoscaler.self, Self.hpaJSON)
        let spec = try #require(h.spec)
        #expect(spec.scaleTargetRef == CrossVersionObjectReference(apiVersion: "apps/v1", kind: "Deployment", name: "dify-api"))
        #expect(spec.minReplicas == 2)
        #expect(spec.maxReplicas == 10)
        #expect(spec.metrics?.count == 2)
        #expect(spec.metrics?[0]["type"] == "Resource")
        #expect(spec.metrics?[0][path: ["resource", "target", "averageUtilization"]] == 70)
        #expect(spec.metrics?[1][path: ["pods", "metric", "name"]] == "requests_per_second")
        #expect(spec.behavior?[path: ["scaleDown", "stabilizationWindowSeconds"]] == 300)
        #expect(spec.behavior?[path: ["scaleUp", "policies"]][0]["value"] == 4)
        let status = try #require(h.status)
        #expect(status.observedGeneration == 2)
        #expect(status.currentReplicas == 3)
        #expect(status.desiredReplicas == 3)
        #expect(status.lastScaleTime == time("2024-05-01T10:04:00Z"))
        #expect(status.currentMetrics?[0][path: ["resource", "current", "averageValue"]] == "175m")
        #expect(status.conditions?.map { $0["type"] } == ["AbleToScale", "ScalingActive"])
        try expectLosslessRoundTrip(h, Self.hpaJSON)
    }

    // MARK: - apiextensions.k8s.io/v1

    static let crdJSON = #"""
    {
      "apiVersion": "apiextensions.k8s.io/v1",
      "kind": "CustomResourceDefinition",
      "metadata": {"creationTimestamp": "2024-04-30T00:00:00Z", "generation": 1, "name": "difies.dify.example.com", "resourceVersion": "555", "uid": "bb000000-0000-4000-8000-000000000006"},
      "spec": {
        "conversion": {"strategy": "None"},
        "group": "dify.example.com",
        "names": {"categories": ["all"], "kind": "Dify", "listKind": "DifyList", "plural": "difies", "shortNames": ["dify"], "singular": "dify"},
        "scope": "Namespaced",
        "versions": [
          {
            "additionalPrinterColumns": [
              {"jsonPath": ".status.phase", "name": "Phase", "type": "string"},
              {"description": "Replicas of the API", "format": "int32", "jsonPath": ".spec.api.replicas", "name": "Replicas", "priority": 1, "type": "integer"},
              {"jsonPath": ".metadata.creationTimestamp", "name": "Age", "type": "date"}
            ],
            "name": "v1alpha1",
            "schema": {"openAPIV3Schema": {
              "description": "Dify is a Dify installation.",
              "properties": {
                "apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"},
                "spec": {"properties": {"api": {"properties": {"replicas": {"default": 1, "format": "int32", "minimum": 0, "type": "integer"}}, "type": "object"}, "version": {"pattern": "^\\d+\\.\\d+\\.\\d+$", "type": "string"}}, "required": ["version"], "type": "object"},
                "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}
              },
              "type": "object"
            }},
            "selectableFields": [{"jsonPath": ".spec.version"}],
            "served": true,
            "storage": true,
            "subresources": {"scale": {"labelSelectorPath": ".status.selector", "specReplicasPath": ".spec.api.replicas", "statusReplicasPath": ".status.api.replicas"}, "status": {}}
          },
          {
            "deprecated": true,
            "deprecationWarning": "dify.example.com/v1alpha0 is deprecated; use v1alpha1",
            "name": "v1alpha0",
            "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}},
            "served": true,
            "storage": false
          }
        ]
      },
      "status": {
        "acceptedNames": {"categories": ["all"], "kind": "Dify", "listKind": "DifyList", "plural": "difies", "shortNames": ["dify"], "singular": "dify"},
        "conditions": [
          {"lastTransitionTime": "2024-04-30T00:00:00Z", "message": "no conflicts found", "reason": "NoConflicts", "status": "True", "type": "NamesAccepted"},
          {"lastTransitionTime": "2024-04-30T00:00:01Z", "message": "the initial names have been accepted", "reason": "InitialNamesAccepted", "status": "True", "type": "Established"}
        ],
        "storedVersions": ["v1alpha1"]
      }
    }
    """#

    @Test func customResourceDefinition() throws {
        let crd = try decodeKind(CustomResourceDefinition.self, Self.crdJSON)
        #expect(crd.metadata.name == "difies.dify.example.com")
        let spec = try #require(crd.spec)
        #expect(spec.group == "dify.example.com")
        #expect(spec.scope == ResourceScope.namespaced.rawValue)
        #expect(spec.names == CustomResourceDefinitionNames(plural: "difies", singular: "dify", kind: "Dify", listKind: "DifyList", shortNames: ["dify"], categories: ["all"]))
        #expect(spec.conversion?["strategy"] == "None")
        #expect(spec.preserveUnknownFields == nil)
        #expect(spec.versions.map(\.name) == ["v1alpha1", "v1alpha0"])
        let v = spec.versions[0]
        #expect(v.served && v.storage)
        #expect(v.deprecated == nil)
        #expect(v.subresources?.status == .emptyObject)
        #expect(v.subresources?.scale == CustomResourceSubresourceScale(specReplicasPath: ".spec.api.replicas", statusReplicasPath: ".status.api.replicas", labelSelectorPath: ".status.selector"))
        let schema = try #require(v.schema?.openAPIV3Schema)
        #expect(schema[path: ["properties", "spec", "required"]] == ["version"])
        #expect(schema[path: ["properties", "spec", "properties", "version", "pattern"]] == #"^\d+\.\d+\.\d+$"#)
        #expect(schema[path: ["properties", "status", "x-kubernetes-preserve-unknown-fields"]] == true)
        #expect(v.additionalPrinterColumns?.count == 3)
        #expect(v.additionalPrinterColumns?[1] == CustomResourceColumnDefinition(name: "Replicas", type: "integer", format: "int32", description: "Replicas of the API", priority: 1, jsonPath: ".spec.api.replicas"))
        #expect(v.selectableFields == [["jsonPath": ".spec.version"]])
        let old = spec.versions[1]
        #expect(old.deprecated == true)
        #expect(old.storage == false)
        #expect(old.subresources == nil)
        #expect(old.deprecationWarning == "dify.example.com/v1alpha0 is deprecated; use v1alpha1")
        let status = try #require(crd.status)
        #expect(status.storedVersions == ["v1alpha1"])
        #expect(status.acceptedNames?.plural == "difies")
        #expect(status.conditions?[1].type == "Established")
        #expect(status.conditions?[1].status == .true)
        #expect(status.conditions?[1].lastTransitionTime == time("2024-04-30T00:00:01Z"))
        try expectLosslessRoundTrip(crd, Self.crdJSON)
    }

    // MARK: - coordination.k8s.io/v1

    static let leaseJSON = #"""
    {
      "apiVersion": "coordination.k8s.io/v1",
      "kind": "Lease",
      "metadata": {"creationTimestamp": "2024-05-01T11:00:00Z", "name": "dify-operator-leader", "namespace": "dify-system", "resourceVersion": "777", "uid": "cc000000-0000-4000-8000-000000000007"},
      "spec": {
        "acquireTime": "2024-05-01T12:00:00.500000Z",
        "holderIdentity": "dify-operator-6b7c9d-abcde_3f2e",
        "leaseDurationSeconds": 15,
        "leaseTransitions": 2,
        "preferredHolder": "dify-operator-6b7c9d-fghij",
        "renewTime": "2024-05-01T12:00:10.250000Z",
        "strategy": "OldestEmulationVersion"
      }
    }
    """#

    @Test func lease() throws {
        let l = try decodeKind(Lease.self, Self.leaseJSON)
        #expect(l.metadata.namespace == "dify-system")
        let spec = try #require(l.spec)
        #expect(spec.holderIdentity == "dify-operator-6b7c9d-abcde_3f2e")
        #expect(spec.leaseDurationSeconds == 15)
        #expect(spec.leaseTransitions == 2)
        #expect(spec.acquireTime == microTime("2024-05-01T12:00:00.5Z"))
        #expect(spec.renewTime == microTime("2024-05-01T12:00:10.250000Z"))
        #expect(spec.renewTime?.description == "2024-05-01T12:00:10.250000Z")
        #expect(spec.strategy == "OldestEmulationVersion")
        #expect(spec.preferredHolder == "dify-operator-6b7c9d-fghij")
        try expectLosslessRoundTrip(l, Self.leaseJSON)

        // A freshly created lease: no holder yet.
        let fresh = Lease(metadata: ObjectMeta(name: "x", namespace: "y"), spec: LeaseSpec(leaseDurationSeconds: 15))
        #expect(try JSONValue(encoding: fresh) == ["apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": ["name": "x", "namespace": "y"], "spec": ["leaseDurationSeconds": 15]])
    }

    // MARK: - events.k8s.io/v1 and core/v1 events

    static let eventJSON = #"""
    {
      "action": "Reconcile",
      "apiVersion": "events.k8s.io/v1",
      "eventTime": "2024-05-01T12:00:00.500000Z",
      "kind": "Event",
      "metadata": {"creationTimestamp": "2024-05-01T12:00:00Z", "name": "main.17c9a1b2c3d4e5f6", "namespace": "dify", "resourceVersion": "888", "uid": "dd000000-0000-4000-8000-000000000008"},
      "note": "Scaled dify-api from 2 to 3 replicas",
      "reason": "DeploymentScaled",
      "regarding": {"apiVersion": "dify.example.com/v1alpha1", "kind": "Dify", "name": "main", "namespace": "dify", "resourceVersion": "4242", "uid": "7c0e9a4e-2c1f-4b8e-9d7a-1f2e3d4c5b6a"},
      "related": {"apiVersion": "apps/v1", "fieldPath": "spec.replicas", "kind": "Deployment", "name": "dify-api", "namespace": "dify"},
      "reportingController": "dify.example.com/dify-operator",
      "reportingInstance": "dify-operator-6b7c9d-abcde",
      "series": {"count": 3, "lastObservedTime": "2024-05-01T12:05:00.250000Z"},
      "type": "Normal"
    }
    """#

    @Test func event() throws {
        let e = try decodeKind(Event.self, Self.eventJSON)
        #expect(e.apiVersion == "events.k8s.io/v1")
        #expect(e.eventTime == microTime("2024-05-01T12:00:00.500000Z"))
        #expect(e.series == EventSeries(count: 3, lastObservedTime: try #require(microTime("2024-05-01T12:05:00.25Z"))))
        #expect(e.reportingController == "dify.example.com/dify-operator")
        #expect(e.reportingInstance == "dify-operator-6b7c9d-abcde")
        #expect(e.action == "Reconcile")
        #expect(e.reason == "DeploymentScaled")
        #expect(e.type == "Normal")
        #expect(e.note == "Scaled dify-api from 2 to 3 replicas")
        #expect(e.regarding == ObjectReference(kind: "Dify", namespace: "dify", name: "main", uid: "7c0e9a4e-2c1f-4b8e-9d7a-1f2e3d4c5b6a", apiVersion: "dify.example.com/v1alpha1", resourceVersion: "4242"))
        #expect(e.related?.fieldPath == "spec.replicas")
        #expect(e.deprecatedCount == nil)
        try expectLosslessRoundTrip(e, Self.eventJSON)
    }

    @Test func eventWrittenThroughTheCoreAPI() throws {
        // Events written through core/v1 come back from events.k8s.io/v1 with a null eventTime
        // and the old fields under `deprecated*`.
        let json = #"""
        {"apiVersion": "events.k8s.io/v1", "kind": "Event",
         "metadata": {"name": "dify-api-7d9c8b6f5-x2x7q.17c9a1b2", "namespace": "dify"},
         "eventTime": null,
         "deprecatedCount": 2, "deprecatedFirstTimestamp": "2024-05-01T10:00:05Z", "deprecatedLastTimestamp": "2024-05-01T10:00:07Z",
         "deprecatedSource": {"component": "kubelet", "host": "node-1"},
         "note": "Container image \"langgenius/dify-api:1.4.0\" already present on machine", "reason": "Pulled",
         "regarding": {"apiVersion": "v1", "fieldPath": "spec.containers{api}", "kind": "Pod", "name": "dify-api-7d9c8b6f5-x2x7q", "namespace": "dify", "resourceVersion": "98700", "uid": "5e6f7a8b-0000-4000-8000-000000000002"},
         "reportingController": "kubelet", "reportingInstance": "node-1", "type": "Normal"}
        """#
        let e = try decodeKind(Event.self, json)
        #expect(e.eventTime == nil)
        #expect(e.deprecatedCount == 2)
        #expect(e.deprecatedSource == EventSource(component: "kubelet", host: "node-1"))
        #expect(e.deprecatedFirstTimestamp == time("2024-05-01T10:00:05Z"))
        #expect(e.deprecatedLastTimestamp == time("2024-05-01T10:00:07Z"))
        #expect(e.regarding?.fieldPath == "spec.containers{api}")
        try expectLosslessRoundTrip(e, json)
    }

    @Test func coreEvent() throws {
        let json = #"""
        {"apiVersion": "v1", "kind": "Event",
         "metadata": {"creationTimestamp": "2024-05-01T10:00:05Z", "name": "dify-api-7d9c8b6f5-x2x7q.17c9a1b2", "namespace": "dify", "resourceVersion": "98801", "uid": "ee000000-0000-4000-8000-000000000009"},
         "action": "Binding", "count": 1, "eventTime": "2024-05-01T10:00:00.125000Z",
         "firstTimestamp": null, "lastTimestamp": null,
         "involvedObject": {"apiVersion": "v1", "kind": "Pod", "name": "dify-api-7d9c8b6f5-x2x7q", "namespace": "dify", "uid": "5e6f7a8b-0000-4000-8000-000000000002"},
         "message": "Successfully assigned dify/dify-api-7d9c8b6f5-x2x7q to node-1", "reason": "Scheduled",
         "related": {"kind": "Node", "name": "node-1"},
         "reportingComponent": "default-scheduler", "reportingInstance": "default-scheduler-control-plane",
         "series": {"count": 2, "lastObservedTime": "2024-05-01T10:00:01.000000Z"},
         "source": {"component": "default-scheduler"}, "type": "Normal"}
        """#
        let e = try decodeKind(CoreEvent.self, json)
        #expect(e.apiVersion == "v1")
        #expect(e.kind == "Event")
        #expect(e.involvedObject.kind == "Pod")
        #expect(e.involvedObject.name == "dify-api-7d9c8b6f5-x2x7q")
        #expect(e.reason == "Scheduled")
        #expect(e.message == "Successfully assigned dify/dify-api-7d9c8b6f5-x2x7q to node-1")
        #expect(e.source == EventSource(component: "default-scheduler"))
        #expect(e.firstTimestamp == nil)
        #expect(e.count == 1)
        #expect(e.eventTime == microTime("2024-05-01T10:00:00.125Z"))
        #expect(e.series?.count == 2)
        #expect(e.related?.kind == "Node")
        #expect(e.reportingComponent == "default-scheduler")
        try expectLosslessRoundTrip(e, json)
    }

    // MARK: - snapshot.storage.k8s.io/v1

    static let volumeSnapshotJSON = #"""
    {
      "apiVersion": "snapshot.storage.k8s.io/v1",
      "kind": "VolumeSnapshot",
      "metadata": {
        "finalizers": ["snapshot.storage.kubernetes.io/volumesnapshot-as-source-protection", "snapshot.storage.kubernetes.io/volumesnapshot-bound-protection"],
        "generation": 1, "name": "dify-storage-snap-1", "namespace": "dify", "resourceVersion": "999", "uid": "ff000000-0000-4000-8000-00000000000a"
      },
      "spec": {"source": {"persistentVolumeClaimName": "dify-storage"}, "volumeSnapshotClassName": "csi-hostpath-snapclass"},
      "status": {
        "boundVolumeSnapshotContentName": "snapcontent-ff000000-0000-4000-8000-00000000000a",
        "creationTime": "2024-05-01T13:00:00Z",
        "readyToUse": true,
        "restoreSize": "10Gi"
      }
    }
    """#

    @Test func volumeSnapshot() throws {
        let s = try decodeKind(VolumeSnapshot.self, Self.volumeSnapshotJSON)
        #expect(s.metadata.finalizers?.count == 2)
        #expect(s.spec?.source == VolumeSnapshotSource(persistentVolumeClaimName: "dify-storage"))
        #expect(s.spec?.volumeSnapshotClassName == "csi-hostpath-snapclass")
        #expect(s.status?.boundVolumeSnapshotContentName == "snapcontent-ff000000-0000-4000-8000-00000000000a")
        #expect(s.status?.creationTime == time("2024-05-01T13:00:00Z"))
        #expect(s.status?.readyToUse == true)
        #expect(s.status?.restoreSize == (try Quantity("10Gi")))
        #expect(s.status?.error == nil)
        try expectLosslessRoundTrip(s, Self.volumeSnapshotJSON)

        let failedJSON = #"""
        {"apiVersion": "snapshot.storage.k8s.io/v1", "kind": "VolumeSnapshot", "metadata": {"name": "bad", "namespace": "dify"},
         "spec": {"source": {"volumeSnapshotContentName": "pre-provisioned"}},
         "status": {"error": {"message": "Failed to check and update snapshot content: rpc error: code = Internal", "time": "2024-05-01T13:00:05Z"}, "readyToUse": false}}
        """#
        let failed = try decodeKind(VolumeSnapshot.self, failedJSON)
        #expect(failed.spec?.source.volumeSnapshotContentName == "pre-provisioned")
        #expect(failed.spec?.source.persistentVolumeClaimName == nil)
        #expect(failed.status?.readyToUse == false)
        #expect(failed.status?.error == VolumeSnapshotError(time: time("2024-05-01T13:00:05Z"), message: "Failed to check and update snapshot content: rpc error: code = Internal"))
        try expectLosslessRoundTrip(failed, failedJSON)
    }

    // MARK: - gateway.networking.k8s.io/v1

    static let httpRouteJSON = #"""
    {
      "apiVersion": "gateway.networking.k8s.io/v1",
      "kind": "HTTPRoute",
      "metadata": {"generation": 2, "name": "dify", "namespace": "dify", "resourceVersion": "1111", "uid": "ab000000-0000-4000-8000-00000000000b"},
      "spec": {
        "hostnames": ["dify.example.com"],
        "parentRefs": [{"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "public", "namespace": "gateway-system", "port": 443, "sectionName": "https"}],
        "rules": [
          {
            "backendRefs": [
              {"group": "", "kind": "Service", "name": "dify-api", "port": 5001, "weight": 90},
              {"filters": [{"responseHeaderModifier": {"add": [{"name": "X-Canary", "value": "1"}]}, "type": "ResponseHeaderModifier"}], "name": "dify-api-canary", "namespace": "dify-canary", "port": 5001, "weight": 10}
            ],
            "filters": [{"requestHeaderModifier": {"set": [{"name": "X-Forwarded-Prefix", "value": "/"}]}, "type": "RequestHeaderModifier"}],
            "matches": [{"path": {"type": "PathPrefix", "value": "/console/api"}}, {"headers": [{"name": "X-Canary", "type": "Exact", "value": "true"}], "path": {"type": "PathPrefix", "value": "/v1"}}],
            "name": "api",
            "timeouts": {"backendRequest": "25s", "request": "30s"}
          },
          {
            "backendRefs": [{"group": "", "kind": "Service", "name": "dify-web", "port": 3000, "weight": 1}],
            "matches": [{"path": {"type": "PathPrefix", "value": "/"}}]
          }
        ]
      },
      "status": {
        "parents": [{
          "conditions": [{"lastTransitionTime": "2024-05-01T14:00:00Z", "message": "Route is accepted", "observedGeneration": 2, "reason": "Accepted", "status": "True", "type": "Accepted"}],
          "controllerName": "gateway.envoyproxy.io/gatewayclass-controller",
          "parentRef": {"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "public", "namespace": "gateway-system", "sectionName": "https"}
        }]
      }
    }
    """#

    @Test func httpRoute() throws {
        let r = try decodeKind(HTTPRoute.self, Self.httpRouteJSON)
        let spec = try #require(r.spec)
        #expect(spec.hostnames == ["dify.example.com"])
        #expect(spec.parentRefs == [ParentReference(group: "gateway.networking.k8s.io", kind: "Gateway", namespace: "gateway-system", name: "public", sectionName: "https", port: 443)])
        let rules = try #require(spec.rules)
        #expect(rules.count == 2)
        #expect(rules[0].name == "api")
        #expect(rules[0].matches?.count == 2)
        #expect(rules[0].matches?[1][path: ["headers"]][0]["name"] == "X-Canary")
        #expect(rules[0].filters?[0]["type"] == "RequestHeaderModifier")
        #expect(rules[0].timeouts?["request"] == "30s")
        #expect(rules[0].backendRefs?[0] == HTTPBackendRef(group: "", kind: "Service", name: "dify-api", port: 5001, weight: 90))
        #expect(rules[0].backendRefs?[1].namespace == "dify-canary")
        #expect(rules[0].backendRefs?[1].group == nil)
        #expect(rules[0].backendRefs?[1].filters?[0]["type"] == "ResponseHeaderModifier")
        #expect(rules[1].name == nil)
        #expect(rules[1].backendRefs?[0].name == "dify-web")
        #expect(r.status?.parents.count == 1)
        #expect(r.status?.parents[0]["controllerName"] == "gateway.envoyproxy.io/gatewayclass-controller")
        #expect(r.status?.parents[0]["conditions"][0]["reason"] == "Accepted")
        try expectLosslessRoundTrip(r, Self.httpRouteJSON)
    }

    // MARK: - Other core/v1 kinds

    @Test func service() throws {
        let json = #"""
        {"apiVersion": "v1", "kind": "Service",
         "metadata": {"name": "dify-api", "namespace": "dify"},
         "spec": {"clusterIP": "10.96.12.34", "clusterIPs": ["10.96.12.34"], "externalTrafficPolicy": "Local", "internalTrafficPolicy": "Cluster",
                  "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
                  "ports": [{"appProtocol": "http", "name": "http", "nodePort": 30080, "port": 80, "protocol": "TCP", "targetPort": "http"},
                            {"name": "metrics", "port": 9090, "protocol": "TCP", "targetPort": 9091}],
                  "selector": {"app.kubernetes.io/name": "dify-api"}, "sessionAffinity": "None", "type": "LoadBalancer"},
         "status": {"loadBalancer": {"ingress": [{"ip": "203.0.113.10", "ipMode": "VIP"}]}}}
        """#
        let s = try decodeKind(Service.self, json)
        #expect(s.spec?.type == "LoadBalancer")
        #expect(s.spec?.selector == ["app.kubernetes.io/name": "dify-api"])
        #expect(s.spec?.ports?[0] == ServicePort(name: "http", protocol: "TCP", port: 80, targetPort: .string("http"), nodePort: 30080, appProtocol: "http"))
        #expect(s.spec?.ports?[1].targetPort == .int(9091))
        #expect(s.spec?.ports?[1].protocol == "TCP")
        #expect(s.spec?.clusterIPs == ["10.96.12.34"])
        #expect(s.spec?.externalTrafficPolicy == "Local")
        #expect(s.spec?.ipFamilyPolicy == "SingleStack")
        #expect(s.status?.loadBalancer?["ingress"][0]["ip"] == "203.0.113.10")
        try expectLosslessRoundTrip(s, json)
    }

    @Test func persistentVolumeClaim() throws {
        let json = #"""
        {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
         "metadata": {"annotations": {"pv.kubernetes.io/bind-completed": "yes"}, "finalizers": ["kubernetes.io/pvc-protection"], "name": "dify-storage", "namespace": "dify"},
         "spec": {"accessModes": ["ReadWriteOnce"],
                  "dataSource": {"apiGroup": "snapshot.storage.k8s.io", "kind": "VolumeSnapshot", "name": "dify-storage-snap-1"},
                  "dataSourceRef": {"apiGroup": "snapshot.storage.k8s.io", "kind": "VolumeSnapshot", "name": "dify-storage-snap-1"},
                  "resources": {"requests": {"storage": "10Gi"}},
                  "selector": {"matchExpressions": [{"key": "tier", "operator": "In", "values": ["fast"]}]},
                  "storageClassName": "standard", "volumeMode": "Filesystem", "volumeName": "pvc-0a1b2c3d"},
         "status": {"accessModes": ["ReadWriteOnce"], "capacity": {"storage": "10Gi"},
                    "conditions": [{"lastProbeTime": null, "lastTransitionTime": "2024-05-01T13:10:00Z", "status": "True", "type": "FileSystemResizePending"}],
                    "phase": "Bound"}}
        """#
        let pvc = try decodeKind(PersistentVolumeClaim.self, json)
        let spec = try #require(pvc.spec)
        #expect(spec.accessModes == ["ReadWriteOnce"])
        #expect(spec.resources?.requests?["storage"] == (try Quantity("10Gi")))
        #expect(spec.resources?.limits == nil)
        #expect(spec.storageClassName == "standard")
        #expect(spec.volumeName == "pvc-0a1b2c3d")
        #expect(spec.volumeMode == "Filesystem")
        #expect(spec.dataSource == TypedLocalObjectReference(apiGroup: "snapshot.storage.k8s.io", kind: "VolumeSnapshot", name: "dify-storage-snap-1"))
        #expect(spec.dataSourceRef?.namespace == nil)
        #expect(spec.selector?.matchExpressions?[0].key == "tier")
        #expect(pvc.status?.phase == "Bound")
        #expect(pvc.status?.capacity?["storage"] == (try Quantity("10Gi")))
        // Pass-through conditions keep the null lastProbeTime.
        #expect(pvc.status?.conditions?[0]["lastProbeTime"] == .null)
        #expect(pvc.status?.conditions?[0].hasKey("lastProbeTime") == true)
        let encoded = try JSONValue.parse(JSONCoding.encode(pvc))
        #expect(encoded == (try JSONValue.parse(json)))
    }

    @Test func configMapSecretNamespaceAndServiceAccount() throws {
        let cmJSON = #"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "dify-config", "namespace": "dify"}, "data": {"config.yaml": "mode: api\n"}, "binaryData": {"logo.png": "iVBORw0KGgo="}, "immutable": true}"#
        let cm = try decodeKind(ConfigMap.self, cmJSON)
        #expect(cm.data == ["config.yaml": "mode: api\n"])
        #expect(cm.binaryData == ["logo.png": "iVBORw0KGgo="])
        #expect(cm.immutable == true)
        try expectLosslessRoundTrip(cm, cmJSON)

        let secretJSON = #"{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "dify-db", "namespace": "dify"}, "type": "kubernetes.io/basic-auth", "data": {"password": "czNjcjN0", "username": "ZGlmeQ=="}}"#
        let secret = try decodeKind(Secret.self, secretJSON)
        #expect(secret.type == "kubernetes.io/basic-auth")
        #expect(secret.data?["password"] == "czNjcjN0")
        #expect(secret.stringData == nil)
        try expectLosslessRoundTrip(secret, secretJSON)
        let written = Secret(metadata: ObjectMeta(name: "s"), type: "Opaque", stringData: ["k": "v"])
        #expect(try JSONValue(encoding: written) == ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"], "type": "Opaque", "stringData": ["k": "v"]])

        let nsJSON = #"{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dify", "labels": {"kubernetes.io/metadata.name": "dify"}}, "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}"#
        let ns = try decodeKind(Namespace.self, nsJSON)
        #expect(ns.spec?.finalizers == ["kubernetes"])
        #expect(ns.status?.phase == "Active")
        try expectLosslessRoundTrip(ns, nsJSON)

        let saJSON = #"{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "dify-api", "namespace": "dify"}, "automountServiceAccountToken": false, "imagePullSecrets": [{"name": "regcred"}], "secrets": [{"name": "dify-api-token"}]}"#
        let sa = try decodeKind(ServiceAccount.self, saJSON)
        #expect(sa.automountServiceAccountToken == false)
        #expect(sa.imagePullSecrets == [LocalObjectReference(name: "regcred")])
        #expect(sa.secrets?[0].name == "dify-api-token")
        try expectLosslessRoundTrip(sa, saJSON)
    }

    // MARK: - rbac.authorization.k8s.io/v1

    @Test func rbac() throws {
        let roleJSON = #"""
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "leader-election", "namespace": "dify-system"},
         "rules": [{"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": ["get", "list", "watch", "create", "update", "patch", "delete"]},
                   {"apiGroups": [""], "resourceNames": ["dify-config"], "resources": ["configmaps"], "verbs": ["get"]}]}
        """#
        let role = try decodeKind(Role.self, roleJSON)
        #expect(role.rules?[0] == PolicyRule(verbs: ["get", "list", "watch", "create", "update", "patch", "delete"], apiGroups: ["coordination.k8s.io"], resources: ["leases"]))
        #expect(role.rules?[1].apiGroups == [""])
        #expect(role.rules?[1].resourceNames == ["dify-config"])
        try expectLosslessRoundTrip(role, roleJSON)

        let clusterRoleJSON = #"""
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "dify-operator-aggregate"},
         "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"rbac.dify.example.com/aggregate-to-operator": "true"}}]},
         "rules": [{"nonResourceURLs": ["/metrics"], "verbs": ["get"]}]}
        """#
        let clusterRole = try decodeKind(ClusterRole.self, clusterRoleJSON)
        #expect(clusterRole.rules?[0].nonResourceURLs == ["/metrics"])
        #expect(clusterRole.aggregationRule?["clusterRoleSelectors"][0]["matchLabels"]["rbac.dify.example.com/aggregate-to-operator"] == "true")
        try expectLosslessRoundTrip(clusterRole, clusterRoleJSON)

        let bindingJSON = #"""
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": {"name": "leader-election", "namespace": "dify-system"},
         "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "leader-election"},
         "subjects": [{"kind": "ServiceAccount", "name": "dify-operator", "namespace": "dify-system"}, {"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "dify-admins"}]}
        """#
        let binding = try decodeKind(RoleBinding.self, bindingJSON)
        #expect(binding.roleRef == RoleRef(kind: "Role", name: "leader-election"))
        #expect(binding.subjects?[0] == Subject(kind: "ServiceAccount", name: "dify-operator", namespace: "dify-system"))
        #expect(binding.subjects?[1].apiGroup == "rbac.authorization.k8s.io")
        try expectLosslessRoundTrip(binding, bindingJSON)

        let crbJSON = #"""
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "dify-operator"},
         "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "dify-operator"},
         "subjects": [{"kind": "ServiceAccount", "name": "dify-operator", "namespace": "dify-system"}]}
        """#
        let crb = try decodeKind(ClusterRoleBinding.self, crbJSON)
        #expect(crb.roleRef.kind == "ClusterRole")
        #expect(crb.subjects?.count == 1)
        try expectLosslessRoundTrip(crb, crbJSON)
        // roleRef is required.
        #expect(throws: DecodingError.self) { try decodeKind(ClusterRoleBinding.self, #"{"metadata": {"name": "x"}, "subjects": []}"#) }
    }
}
