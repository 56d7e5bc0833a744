/// `core/v1 Container`: one container of a pod.
public struct Container: Codable, Sendable, Equatable {
    /// A DNS label, unique within the pod.
    public var name: String
    public var image: String?
    /// `Always`, `IfNotPresent` or `Never`; defaults to `Always` for `:latest` and `IfNotPresent`
    /// otherwise.
    public var imagePullPolicy: String?
    /// Replaces the image's ENTRYPOINT; `$(VAR)` references are expanded.
    public var command: [String]?
    /// Replaces the image's CMD; `$(VAR)` references are expanded.
    public var args: [String]?
    public var workingDir: String?
    public var env: [EnvVar]?
    public var envFrom: [EnvFromSource]?
    public var ports: [ContainerPort]?
    public var resources: ResourceRequirements?
    public var volumeMounts: [VolumeMount]?
    /// Until it succeeds, the liveness and readiness probes are not run.
    public var startupProbe: Probe?
    /// Failing removes the pod from service endpoints.
    public var readinessProbe: Probe?
    /// Failing restarts the container.
    public var livenessProbe: Probe?
    public var securityContext: SecurityContext?
    /// `Lifecycle` (`postStart`, `preStop` handlers), passed through.
    public var lifecycle: JSONValue?
    public var terminationMessagePath: String?
    /// `File` (the default) or `FallbackToLogsOnError`.
    public var terminationMessagePolicy: String?
    /// Only `Always`, on init containers: makes it a sidecar that keeps running.
    public var restartPolicy: String?
    public var stdin: Bool?
    public var tty: Bool?

    public init(
        name: String, image: String? = nil, imagePullPolicy: String? = nil, command: [String]? = nil,
        args: [String]? = nil, workingDir: String? = nil, env: [EnvVar]? = nil, envFrom: [EnvFromSource]? = nil,
        ports: [ContainerPort]? = nil, resources: ResourceRequirements? = nil, volumeMounts: [VolumeMount]? = nil,
        startupProbe: Probe? = nil, readinessProbe: Probe? = nil, livenessProbe: Probe? = nil,
        securityContext: SecurityContext? = nil, lifecycle: JSONValue? = nil, terminationMessagePath: String? = nil,
        terminationMessagePolicy: String? = nil, restartPolicy: String? = nil, stdin: Bool? = nil, tty: Bool? = nil
    ) {
        self.name = name
        self.image = image
        self.imagePullPolicy = imagePullPolicy
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.env = env
        self.envFrom = envFrom
        self.ports = ports
        self.resources = resources
        self.volumeMounts = volumeMounts
        self.startupProbe = startupProbe
        self.readinessProbe = readinessProbe
        self.livenessProbe = livenessProbe
        self.securityContext = securityContext
        self.lifecycle = lifecycle
        self.terminationMessagePath = terminationMessagePath
        self.terminationMessagePolicy = terminationMessagePolicy
        self.restartPolicy = restartPolicy
        self.stdin = stdin
        self.tty = tty
    }
}

/// `core/v1 EnvVar`: one environment variable, with a literal value or a reference.
public struct EnvVar: Codable, Sendable, Equatable {
    public var name: String
    /// May reference earlier variables as `$(VAR)`.
    public var value: String?
    public var valueFrom: EnvVarSource?

    public init(name: String, value: String? = nil, valueFrom: EnvVarSource? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

/// `core/v1 EnvVarSource`: where an environment variable's value comes from (exactly one field).
public struct EnvVarSource: Codable, Sendable, Equatable {
    public var secretKeyRef: SecretKeySelector?
    public var configMapKeyRef: ConfigMapKeySelector?
    /// A field of the pod, e.g. `metadata.namespace` or `status.podIP`.
    public var fieldRef: ObjectFieldSelector?
    /// `ResourceFieldSelector` (a container's limits or requests), passed through.
    public var resourceFieldRef: JSONValue?

    public init(
        secretKeyRef: SecretKeySelector? = nil, configMapKeyRef: ConfigMapKeySelector? = nil,
        fieldRef: ObjectFieldSelector? = nil, resourceFieldRef: JSONValue? = nil
    ) {
        self.secretKeyRef = secretKeyRef
        self.configMapKeyRef = configMapKeyRef
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
    }
}

/// `core/v1 SecretKeySelector`: one key of a Secret in the pod's namespace.
public struct SecretKeySelector: Codable, Sendable, Equatable {
    public var name: String?
    public var key: String
    /// When true a missing Secret or key leaves the variable unset instead of failing.
    public var optional: Bool?

    public init(name: String? = nil, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// `core/v1 ConfigMapKeySelector`: one key of a ConfigMap in the pod's namespace.
public struct ConfigMapKeySelector: Codable, Sendable, Equatable {
    public var name: String?
    public var key: String
    /// When true a missing ConfigMap or key leaves the variable unset instead of failing.
    public var optional: Bool?

    public init(name: String? = nil, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// `core/v1 ObjectFieldSelector`: a field of the pod by path.
public struct ObjectFieldSelector: Codable, Sendable, Equatable {
    /// The version the path is in; defaults to `v1`.
    public var apiVersion: String?
    public var fieldPath: String

    public init(apiVersion: String? = nil, fieldPath: String) {
        self.apiVersion = apiVersion
        self.fieldPath = fieldPath
    }
}

/// `core/v1 EnvFromSource`: imports every key of a Secret or ConfigMap as variables.
public struct EnvFromSource: Codable, Sendable, Equatable {
    /// Prepended to every key.
    public var prefix: String?
    public var secretRef: SecretEnvSource?
    public var configMapRef: ConfigMapEnvSource?

    public init(prefix: String? = nil, secretRef: SecretEnvSource? = nil, configMapRef: ConfigMapEnvSource? = nil) {
        self.prefix = prefix
        self.secretRef = secretRef
        self.configMapRef = configMapRef
    }
}

/// `core/v1 SecretEnvSource`.
public struct SecretEnvSource: Codable, Sendable, Equatable {
    public var name: String?
    public var optional: Bool?

    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}

/// `core/v1 ConfigMapEnvSource`.
public struct ConfigMapEnvSource: Codable, Sendable, Equatable {
    public var name: String?
    public var optional: Bool?

    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}

/// `core/v1 ContainerPort`: a port the container listens on (informational apart from `hostPort`).
public struct ContainerPort: Codable, Sendable, Equatable {
    /// An IANA service name that services may refer to as `targetPort`.
    public var name: String?
    public var containerPort: Int32
    /// `TCP` (the default), `UDP` or `SCTP`.
    public var `protocol`: String?
    public var hostPort: Int32?
    public var hostIP: String?

    public init(
        name: String? = nil, containerPort: Int32, `protocol`: String? = nil, hostPort: Int32? = nil,
        hostIP: String? = nil
    ) {
        self.name = name
        self.containerPort = containerPort
        self.protocol = `protocol`
        self.hostPort = hostPort
        self.hostIP = hostIP
    }
}

/// `core/v1 ResourceRequirements`: compute resources of a container (`cpu`, `memory`, `ephemeral-
/// storage`, extended resources).
public struct ResourceRequirements: Codable, Sendable, Equatable {
    /// The most the container may use.
    public var limits: [String: Quantity]?
    /// What the scheduler reserves; defaults to `limits` where only limits are given.
    public var requests: [String: Quantity]?

    public init(limits: [String: Quantity]? = nil, requests: [String: Quantity]? = nil) {
        self.limits = limits
        self.requests = requests
    }
}

/// `core/v1 VolumeMount`: where a pod volume appears in a container.
public struct VolumeMount: Codable, Sendable, Equatable {
    /// The name of a volume in the pod spec.
    public var name: String
    public var mountPath: String
    public var readOnly: Bool?
    /// A path inside the volume to mount instead of its root.
    public var subPath: String?
    public var subPathExpr: String?
    public var mountPropagation: String?

    public init(
        name: String, mountPath: String, readOnly: Bool? = nil, subPath: String? = nil, subPathExpr: String? = nil,
        mountPropagation: String? = nil
    ) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
        self.subPath = subPath
        self.subPathExpr = subPathExpr
        self.mountPropagation = mountPropagation
    }
}

/// `core/v1 SecurityContext`: security settings of one container (overriding the pod's).
public struct SecurityContext: Codable, Sendable, Equatable {
    public var runAsUser: Int64?
    public var runAsGroup: Int64?
    public var runAsNonRoot: Bool?
    public var readOnlyRootFilesystem: Bool?
    /// Controls the `no_new_privs` flag of the container process.
    public var allowPrivilegeEscalation: Bool?
    public var privileged: Bool?
    public var capabilities: Capabilities?
    public var seccompProfile: SeccompProfile?

    public init(
        runAsUser: Int64? = nil, runAsGroup: Int64? = nil, runAsNonRoot: Bool? = nil,
        readOnlyRootFilesystem: Bool? = nil, allowPrivilegeEscalation: Bool? = nil, privileged: Bool? = nil,
        capabilities: Capabilities? = nil, seccompProfile: SeccompProfile? = nil
    ) {
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.privileged = privileged
        self.capabilities = capabilities
        self.seccompProfile = seccompProfile
    }
}

/// `core/v1 Capabilities`: POSIX capabilities to add to or drop from the runtime's default set.
public struct Capabilities: Codable, Sendable, Equatable {
    public var add: [String]?
    /// Often `["ALL"]`.
    public var drop: [String]?

    public init(add: [String]? = nil, drop: [String]? = nil) {
        self.add = add
        self.drop = drop
    }
}
