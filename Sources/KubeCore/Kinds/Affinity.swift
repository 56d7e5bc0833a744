/// `core/v1 Affinity`: scheduling constraints relative to nodes and other pods.
public struct Affinity: Codable, Sendable, Equatable {
    public var nodeAffinity: NodeAffinity?
    /// `PodAffinity`, passed through.
    public var podAffinity: JSONValue?
    /// `PodAntiAffinity`, passed through.
    public var podAntiAffinity: JSONValue?

    public init(nodeAffinity: NodeAffinity? = nil, podAffinity: JSONValue? = nil, podAntiAffinity: JSONValue? = nil) {
        self.nodeAffinity = nodeAffinity
        self.podAffinity = podAffinity
        self.podAntiAffinity = podAntiAffinity
    }
}

/// `core/v1 NodeAffinity`: which nodes a pod may or prefers to run on.
public struct NodeAffinity: Codable, Sendable, Equatable {
    /// Hard requirement at scheduling time.
    public var requiredDuringSchedulingIgnoredDuringExecution: NodeSelector?
    /// Soft preferences; the node with the highest sum of matching weights wins.
    public var preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]?

    public init(
        requiredDuringSchedulingIgnoredDuringExecution: NodeSelector? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

/// `core/v1 NodeSelector`: the terms are ORed.
public struct NodeSelector: Codable, Sendable, Equatable {
    public var nodeSelectorTerms: [NodeSelectorTerm]

    public init(nodeSelectorTerms: [NodeSelectorTerm] = []) {
        self.nodeSelectorTerms = nodeSelectorTerms
    }
}

/// `core/v1 NodeSelectorTerm`: the requirements are ANDed; an empty term matches no node.
public struct NodeSelectorTerm: Codable, Sendable, Equatable {
    /// Requirements on node labels.
    public var matchExpressions: [NodeSelectorRequirement]?
    /// Requirements on node fields (only `metadata.name`).
    public var matchFields: [NodeSelectorRequirement]?

    public init(matchExpressions: [NodeSelectorRequirement]? = nil, matchFields: [NodeSelectorRequirement]? = nil) {
        self.matchExpressions = matchExpressions
        self.matchFields = matchFields
    }
}

/// `core/v1 NodeSelectorRequirement`: one requirement on a node label or field.
public struct NodeSelectorRequirement: Codable, Sendable, Equatable {
    public var key: String
    /// `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`.
    public var `operator`: String
    /// One integer for `Gt`/`Lt`, none for `Exists`/`DoesNotExist`.
    public var values: [String]?

    public init(key: String, `operator`: String, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}

/// `core/v1 PreferredSchedulingTerm`: a weighted node preference.
public struct PreferredSchedulingTerm: Codable, Sendable, Equatable {
    /// 1 to 100.
    public var weight: Int32
    public var preference: NodeSelectorTerm

    public init(weight: Int32, preference: NodeSelectorTerm) {
        self.weight = weight
        self.preference = preference
    }
}
