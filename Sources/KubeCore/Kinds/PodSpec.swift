/// `core/v1 PodSpec`: the desired containers, volumes and scheduling of a pod.
public struct PodSpec: Codable, Sendable, Equatable {
    public var containers: [Container]
    /// Run to completion in order before the app containers start.
    public var initContainers: [Container]?
    public var volumes: [Volume]?
    /// The pod fits only nodes with all these labels.
    public var nodeSelector: [String: String]?
    /// Set by the scheduler when binding; setting it directly bypasses scheduling.
    public var nodeName: String?
    public var affinity: Affinity?
    public var tolerations: [Toleration]?
    /// `TopologySpreadConstraint`s, passed through.
    public var topologySpreadConstraints: [JSONValue]?
    public var priorityClassName: String?
    public var schedulerName: String?
    public var serviceAccountName: String?
    public var automountServiceAccountToken: Bool?
    /// `Always` (the default), `OnFailure` or `Never`.
    public var restartPolicy: String?
    /// Seconds between SIGTERM and SIGKILL on deletion; defaults to 30.
    public var terminationGracePeriodSeconds: Int64?
    public var activeDeadlineSeconds: Int64?
    public var securityContext: PodSecurityContext?
    public var imagePullSecrets: [LocalObjectReference]?
    public var hostNetwork: Bool?
    /// `ClusterFirst` (the default), `ClusterFirstWithHostNet`, `Default` or `None`.
    public var dnsPolicy: String?
    /// Whether service environment variables (`FOO_SERVICE_HOST`, ...) are injected; defaults to
    /// true.
    public var enableServiceLinks: Bool?
    public var shareProcessNamespace: Bool?
    public var hostname: String?
    public var subdomain: String?
    /// Resolved from `priorityClassName` by the Priority admission plugin.
    public var priority: Int32?
    /// `PreemptLowerPriority` (the default) or `Never`.
    public var preemptionPolicy: String?
    /// Deprecated alias of `serviceAccountName`, still written by the API server.
    public var serviceAccount: String?
    public var runtimeClassName: String?
    public var hostPID: Bool?
    public var hostIPC: Bool?
    /// Resource overhead of the pod's RuntimeClass, set by admission.
    public var overhead: [String: Quantity]?
    /// `PodDNSConfig` (nameservers, searches, options), passed through.
    public var dnsConfig: JSONValue?
    /// `HostAlias` entries added to `/etc/hosts`, passed through.
    public var hostAliases: [JSONValue]?
    /// `PodReadinessGate`s (`conditionType`), passed through.
    public var readinessGates: [JSONValue]?
    /// `PodSchedulingGate`s (`name`); the pod is not scheduled while any remain. Passed through.
    public var schedulingGates: [JSONValue]?

    public init(
        containers: [Container] = [], initContainers: [Container]? = nil, volumes: [Volume]? = nil,
        nodeSelector: [String: String]? = nil, nodeName: String? = nil, affinity: Affinity? = nil,
        tolerations: [Toleration]? = nil, topologySpreadConstraints: [JSONValue]? = nil,
        priorityClassName: String? = nil, schedulerName: String? = nil, serviceAccountName: String? = nil,
        automountServiceAccountToken: Bool? = nil, restartPolicy: String? = nil,
        terminationGracePeriodSeconds: Int64? = nil, activeDeadlineSeconds: Int64? = nil,
        securityContext: PodSecurityContext? = nil, imagePullSecrets: [LocalObjectReference]? = nil,
        hostNetwork: Bool? = nil, dnsPolicy: String? = nil, enableServiceLinks: Bool? = nil,
        shareProcessNamespace: Bool? = nil, hostname: String? = nil, subdomain: String? = nil,
        priority: Int32? = nil, preemptionPolicy: String? = nil, serviceAccount: String? = nil,
        runtimeClassName: String? = nil, hostPID: Bool? = nil, hostIPC: Bool? = nil,
        overhead: [String: Quantity]? = nil, dnsConfig: JSONValue? = nil, hostAliases: [JSONValue]? = nil,
        readinessGates: [JSONValue]? = nil, schedulingGates: [JSONValue]? = nil
    ) {
        self.containers = containers
        self.initContainers = initContainers
        self.volumes = volumes
        self.nodeSelector = nodeSelector
        self.nodeName = nodeName
        self.affinity = affinity
        self.tolerations = tolerations
        self.topologySpreadConstraints = topologySpreadConstraints
        self.priorityClassName = priorityClassName
        self.schedulerName = schedulerName
        self.serviceAccountName = serviceAccountName
        self.automountServiceAccountToken = automountServiceAccountToken
        self.restartPolicy = restartPolicy
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.securityContext = securityContext
        self.imagePullSecrets = imagePullSecrets
        self.hostNetwork = hostNetwork
        self.dnsPolicy = dnsPolicy
        self.enableServiceLinks = enableServiceLinks
        self.shareProcessNamespace = shareProcessNamespace
        self.hostname = hostname
        self.subdomain = subdomain
        self.priority = priority
        self.preemptionPolicy = preemptionPolicy
        self.serviceAccount = serviceAccount
        self.runtimeClassName = runtimeClassName
        self.hostPID = hostPID
        self.hostIPC = hostIPC
        self.overhead = overhead
        self.dnsConfig = dnsConfig
        self.hostAliases = hostAliases
        self.readinessGates = readinessGates
        self.schedulingGates = schedulingGates
    }
}

/// `core/v1 PodTemplateSpec`: the pod a workload controller creates.
public struct PodTemplateSpec: Codable, Sendable, Equatable {
    /// Labels must match the owning workload's selector.
    public var metadata: ObjectMeta?
    public var spec: PodSpec?

    public init(metadata: ObjectMeta? = nil, spec: PodSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// `core/v1 Toleration`: lets a pod schedule onto (or stay on) nodes with a matching taint.
public struct Toleration: Codable, Sendable, Equatable {
    /// Empty with operator `Exists` matches all taints.
    public var key: String?
    /// `Equal` (the default) or `Exists`.
    public var `operator`: String?
    public var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`; empty matches all effects.
    public var effect: String?
    /// For `NoExecute`: how long the pod stays bound after the taint appears; nil means forever.
    public var tolerationSeconds: Int64?

    public init(
        key: String? = nil, `operator`: String? = nil, value: String? = nil, effect: String? = nil,
        tolerationSeconds: Int64? = nil
    ) {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }
}

/// `core/v1 LocalObjectReference`: an object in the same namespace, by name.
public struct LocalObjectReference: Codable, Sendable, Equatable {
    public var name: String?

    public init(name: String? = nil) {
        self.name = name
    }
}

/// `core/v1 PodSecurityContext`: security settings for all containers of a pod.
public struct PodSecurityContext: Codable, Sendable, Equatable {
    public var runAsUser: Int64?
    public var runAsGroup: Int64?
    /// When true the kubelet refuses to start containers whose image runs as UID 0.
    public var runAsNonRoot: Bool?
    /// A supplemental group that owns mounted volumes.
    public var fsGroup: Int64?
    /// `OnRootMismatch` or `Always`.
    public var fsGroupChangePolicy: String?
    public var supplementalGroups: [Int64]?
    public var seccompProfile: SeccompProfile?

    public init(
        runAsUser: Int64? = nil, runAsGroup: Int64? = nil, runAsNonRoot: Bool? = nil, fsGroup: Int64? = nil,
        fsGroupChangePolicy: String? = nil, supplementalGroups: [Int64]? = nil,
        seccompProfile: SeccompProfile? = nil
    ) {
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.fsGroup = fsGroup
        self.fsGroupChangePolicy = fsGroupChangePolicy
        self.supplementalGroups = supplementalGroups
        self.seccompProfile = seccompProfile
    }
}

/// `core/v1 SeccompProfile`.
public struct SeccompProfile: Codable, Sendable, Equatable {
    /// `RuntimeDefault`, `Localhost` or `Unconfined`.
    public var type: String
    /// The profile path relative to the kubelet's seccomp directory, for `Localhost`.
    public var localhostProfile: String?

    public init(type: String, localhostProfile: String? = nil) {
        self.type = type
        self.localhostProfile = localhostProfile
    }
}
