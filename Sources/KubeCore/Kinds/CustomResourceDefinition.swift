/// `apiextensions.k8s.io/v1 CustomResourceDefinition`: registers a custom kind with the API server.
public struct CustomResourceDefinition: KubeResource, Equatable {
    public static let group = "apiextensions.k8s.io"
    public static let version = "v1"
    public static let kind = "CustomResourceDefinition"
    public static let plural = "customresourcedefinitions"
    public static let scope = ResourceScope.cluster

    public var apiVersion: String = "apiextensions.k8s.io/v1"
    public var kind: String = "CustomResourceDefinition"
    public var metadata: ObjectMeta
    public var spec: CustomResourceDefinitionSpec?
    public var status: CustomResourceDefinitionStatus?

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: CustomResourceDefinitionSpec? = nil,
        status: CustomResourceDefinitionStatus? = nil
    ) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, spec, status
    }

    /// Items of a typed LIST response carry no `apiVersion` or `kind`; they default to this kind's.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.apiVersion
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? Self.kind
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try c.decodeIfPresent(CustomResourceDefinitionSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(CustomResourceDefinitionStatus.self, forKey: .status)
    }
}

/// `apiextensions.k8s.io/v1 CustomResourceDefinitionSpec`. The object's name must be
/// `<plural>.<group>`.
public struct CustomResourceDefinitionSpec: Codable, Sendable, Equatable {
    public var group: String
    public var names: CustomResourceDefinitionNames
    /// `Namespaced` or `Cluster` (see ``ResourceScope``).
    public var scope: String
    /// Exactly one version has `storage: true`.
    public var versions: [CustomResourceDefinitionVersion]
    /// `CustomResourceConversion` (`strategy` None or Webhook), passed through.
    public var conversion: JSONValue?
    /// Deprecated; must be false in v1 (use `x-kubernetes-preserve-unknown-fields` in the schema).
    public var preserveUnknownFields: Bool?

    public init(
        group: String, names: CustomResourceDefinitionNames, scope: String,
        versions: [CustomResourceDefinitionVersion] = [], conversion: JSONValue? = nil,
        preserveUnknownFields: Bool? = nil
    ) {
        self.group = group
        self.names = names
        self.scope = scope
        self.versions = versions
        self.conversion = conversion
        self.preserveUnknownFields = preserveUnknownFields
    }
}

/// `apiextensions.k8s.io/v1 CustomResourceDefinitionNames`: the names a custom kind is served
/// under.
public struct CustomResourceDefinitionNames: Codable, Sendable, Equatable {
    /// Lower case; the resource in URLs.
    public var plural: String
    /// Lower case; defaults to the lower-cased kind.
    public var singular: String?
    /// CamelCase.
    public var kind: String
    /// Defaults to `<kind>List`.
    public var listKind: String?
    /// Short aliases for `kubectl get`.
    public var shortNames: [String]?
    /// Groups of resources this one belongs to, e.g. `all`.
    public var categories: [String]?

    public init(
        plural: String, singular: String? = nil, kind: String, listKind: String? = nil, shortNames: [String]? = nil,
        categories: [String]? = nil
    ) {
        self.plural = plural
        self.singular = singular
        self.kind = kind
        self.listKind = listKind
        self.shortNames = shortNames
        self.categories = categories
    }
}

/// `apiextensions.k8s.io/v1 CustomResourceDefinitionVersion`: one served version of a custom kind.
public struct CustomResourceDefinitionVersion: Codable, Sendable, Equatable {
    /// Served as `/apis/<group>/<name>/...`, e.g. `v1alpha1`.
    public var name: String
    public var served: Bool
    /// Whether objects are persisted in this version; exactly one version has it.
    public var storage: Bool
    public var deprecated: Bool?
    /// Overrides the default warning returned to clients of a deprecated version.
    public var deprecationWarning: String?
    public var schema: CustomResourceValidation?
    public var subresources: CustomResourceSubresources?
    public var additionalPrinterColumns: [CustomResourceColumnDefinition]?
    /// `SelectableField`s (`jsonPath`) usable in field selectors, passed through.
    public var selectableFields: [JSONValue]?

    public init(
        name: String, served: Bool, storage: Bool, deprecated: Bool? = nil, deprecationWarning: String? = nil,
        schema: CustomResourceValidation? = nil, subresources: CustomResourceSubresources? = nil,
        additionalPrinterColumns: [CustomResourceColumnDefinition]? = nil, selectableFields: [JSONValue]? = nil
    ) {
        self.name = name
        self.served = served
        self.storage = storage
        self.deprecated = deprecated
        self.deprecationWarning = deprecationWarning
        self.schema = schema
        self.subresources = subresources
        self.additionalPrinterColumns = additionalPrinterColumns
        self.selectableFields = selectableFields
    }
}

/// `apiextensions.k8s.io/v1 CustomResourceValidation`.
public struct CustomResourceValidation: Codable, Sendable, Equatable {
    /// The structural OpenAPI v3 schema of the version, kept unstructured.
    public var openAPIV3Schema: JSONValue?

    public init(openAPIV3Schema: JSONValue? = nil) {
        self.openAPIV3Schema = openAPIV3Schema
    }
}

/// `apiextensions.k8s.io/v1 CustomResourceSubresources`.
public struct CustomResourceSubresources: Codable, Sendable, Equatable {
    /// Present (as an empty object, `{}`) when the `/status` subresource is enabled.
    public var status: JSONValue?
    /// Enables the `/scale` subresource.
    public var scale: CustomResourceSubresourceScale?

    public init(status: JSONValue? = nil, scale: CustomResourceSubresourceScale? = nil) {
        self.status = status
        self.scale = scale
    }
}

/// `apiextensions.k8s.io/v1 CustomResourceSubresourceScale`: JSON paths the `/scale` subresource
/// maps to `Scale`.
public struct CustomResourceSubresourceScale: Codable, Sendable, Equatable {
    /// E.g. `.spec.replicas`.
    public var specReplicasPath: String
    /// E.g. `.status.replicas`.
    public var statusReplicasPath: String
    /// A path to the selector in its string form, e.g. `.status.selector`.
    public var labelSelectorPath: String?

    public init(specReplicasPath: String, statusReplicasPath: String, labelSelectorPath: String? = nil) {
        self.specReplicasPath = specReplicasPath
        self.statusReplicasPath = statusReplicasPath
        self.labelSelectorPath = labelSelectorPath
    }
}

/// `apiextensions.k8s.io/v1 CustomResourceColumnDefinition`: an extra column of `kubectl get`.
public struct CustomResourceColumnDefinition: Codable, Sendable, Equatable {
    public var name: String
    /// An OpenAPI type: `integer`, `number`, `string`, `boolean` or `date`.
    public var type: String
    public var format: String?
    public var description: String?
    /// 0 shows the column in the default view, higher only with `-o wide`.
    public var priority: Int32?
    /// Evaluated against each object, e.g. `.status.phase`.
    public var jsonPath: String

    public init(
        name: String, type: String, format: String? = nil, description: String? = nil, priority: Int32? = nil,
        jsonPath: String
    ) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
        self.jsonPath = jsonPath
    }
}

/// `apiextensions.k8s.io/v1 CustomResourceDefinitionStatus`.
public struct CustomResourceDefinitionStatus: Codable, Sendable, Equatable {
    public var conditions: [CustomResourceDefinitionCondition]?
    /// The names actually served; they differ from `spec.names` while a new name conflicts.
    public var acceptedNames: CustomResourceDefinitionNames?
    /// Every version objects have ever been persisted in; versions are removed only after migrating
    /// storage.
    public var storedVersions: [String]?

    public init(
        conditions: [CustomResourceDefinitionCondition]? = nil, acceptedNames: CustomResourceDefinitionNames? = nil,
        storedVersions: [String]? = nil
    ) {
        self.conditions = conditions
        self.acceptedNames = acceptedNames
        self.storedVersions = storedVersions
    }
}

/// `apiextensions.k8s.io/v1 CustomResourceDefinitionCondition`: `Established`, `NamesAccepted`,
/// `NonStructuralSchema`, `Terminating`, `KubernetesAPIApprovalPolicyConformant`.
public struct CustomResourceDefinitionCondition: Codable, Sendable, Equatable {
    public var type: String
    public var status: ConditionStatus
    public var lastTransitionTime: Time?
    /// CamelCase, machine-readable.
    public var reason: String?
    public var message: String?

    public init(
        type: String, status: ConditionStatus, lastTransitionTime: Time? = nil, reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
