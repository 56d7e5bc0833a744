/// `metav1.ObjectMeta`: the metadata every persisted Kubernetes object carries.
///
/// Server-set fields (`uid`, `resourceVersion`, `generation`, `creationTimestamp`,
/// `deletionTimestamp`, `managedFields`) are read-only to clients in practice; `resourceVersion`
/// is opaque and only ever compared for equality.
public struct ObjectMeta: Codable, Sendable, Equatable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var creationTimestamp: Time?
    public var deletionTimestamp: Time?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var finalizers: [String]?
    /// Field ownership recorded by server-side apply; kept unstructured (`fieldsV1` is a set trie).
    public var managedFields: [JSONValue]?

    public init(
        name: String? = nil, namespace: String? = nil, labels: [String: String]? = nil,
        annotations: [String: String]? = nil, ownerReferences: [OwnerReference]? = nil,
        finalizers: [String]? = nil, generateName: String? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
        self.finalizers = finalizers
        self.generateName = generateName
    }

    /// The owner reference marked `controller: true`, if any (at most one is allowed).
    public var controllerReference: OwnerReference? {
        ownerReferences?.first { $0.controller == true }
    }
}

/// `metav1.OwnerReference`: ties a dependent to its owner for garbage collection.
/// With `controller: true` the owner is the managing controller; `blockOwnerDeletion: true`
/// makes foreground deletion of the owner wait for this dependent.
public struct OwnerReference: Codable, Sendable, Equatable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil, blockOwnerDeletion: Bool? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// `metav1.ListMeta`: the list's resourceVersion (the point to watch from) and the pagination token.
public struct ListMeta: Codable, Sendable, Equatable {
    public var resourceVersion: String?
    /// Present when more items remain; pass it back as `continue` to get the next page.
    public var `continue`: String?
    public var remainingItemCount: Int64?

    public init(resourceVersion: String? = nil, continue token: String? = nil, remainingItemCount: Int64? = nil) {
        self.resourceVersion = resourceVersion
        self.continue = token
        self.remainingItemCount = remainingItemCount
    }
}
