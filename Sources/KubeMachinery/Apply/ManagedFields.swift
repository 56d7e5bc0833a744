import KubeCore

/// The `operation` of a `managedFields` entry.
public enum ManagedFieldsOperation: String, Sendable, Equatable {
    /// Server-side apply (`PATCH` with `application/apply-patch+yaml`).
    case apply = "Apply"
    /// Any other write: create, update (PUT) and the non-apply patches.
    case update = "Update"
}

/// One `metadata.managedFields` entry (`metav1.ManagedFieldsEntry`): the fields one manager owns
/// through one kind of operation on one subresource.
///
/// kube-apiserver keeps one entry per (manager, operation, subresource), and for `Update`
/// entries also per `apiVersion`; an `Apply` entry is replaced whatever version it was made with.
/// Entries whose field set becomes empty are deleted.
public struct ManagedFieldsEntry: Sendable, Equatable {
    /// The field manager's name (`kubectl`, `kube-controller-manager`...).
    public var manager: String
    /// Whether the fields were applied or written by another kind of request.
    public var operation: ManagedFieldsOperation
    /// The group/version the fields are expressed in (`apps/v1`).
    public var apiVersion: String
    /// When the manager last changed the object (RFC 3339), or nil: an `Apply` that changed
    /// nothing does not set or advance it.
    public var time: String?
    /// The owned fields (`fieldsV1`).
    public var fields: FieldSet
    /// `status`, `scale`... or nil for the main resource.
    public var subresource: String?

    /// An entry; an empty `subresource` is stored as nil, as the JSON omits it.
    public init(manager: String, operation: ManagedFieldsOperation, apiVersion: String, time: String? = nil, fields: FieldSet, subresource: String? = nil) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.fields = fields
        self.subresource = subresource?.isEmpty == true ? nil : subresource
    }

    /// Decodes an entry with kube-apiserver's checks (`DecodeManagedFields`): the operation must
    /// be `Apply` or `Update`, `apiVersion` must be set, `fieldsType` must be `FieldsV1`.
    public init(json: JSONValue) throws {
        guard let operation = json["operation"].stringValue.flatMap(ManagedFieldsOperation.init(rawValue:)) else {
            throw FieldsV1Error(message: "operation must be `Apply` or `Update`")
        }
        guard let apiVersion = json["apiVersion"].stringValue, !apiVersion.isEmpty else {
            throw FieldsV1Error(message: "apiVersion must not be empty")
        }
        switch json["fieldsType"].stringValue ?? "" {
        case "FieldsV1": break
        case "": throw FieldsV1Error(message: "missing fieldsType in managed fields entry")
        case let other: throw FieldsV1Error(message: "invalid fieldsType \(GoFormat.quote(other)) in managed fields entry")
        }
        let fieldsV1 = json["fieldsV1"]
        self.init(
            manager: json["manager"].stringValue ?? "", operation: operation, apiVersion: apiVersion,
            time: json["time"].stringValue, fields: fieldsV1.isNull ? FieldSet() : try FieldSet(fieldsV1: fieldsV1),
            subresource: json["subresource"].stringValue)
    }

    /// The entry as kube-apiserver serialises it (empty optional fields omitted).
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "operation": .string(operation.rawValue),
            "apiVersion": .string(apiVersion),
            "fieldsType": "FieldsV1",
            "fieldsV1": fields.fieldsV1,
        ]
        if !manager.isEmpty { object["manager"] = .string(manager) }
        if let time { object["time"] = .string(time) }
        if let subresource { object["subresource"] = .string(subresource) }
        return .object(object)
    }
}

/// Reading and writing an object's `metadata.managedFields`, and the manager-name rules.
public enum ManagedFields {
    /// The `managedFields` entries of an object (none when the field is absent or null).
    public static func entries(of object: JSONValue) throws -> [ManagedFieldsEntry] {
        switch object["metadata"]["managedFields"] {
        case .null: return []
        case .array(let items): return try items.map(ManagedFieldsEntry.init(json:))
        default: throw FieldsV1Error(message: "metadata.managedFields must be a list")
        }
    }

    /// The object with `entries` as its `managedFields`, in kube-apiserver's order; the field is
    /// removed when there are none.
    public static func setting(_ entries: [ManagedFieldsEntry], on object: JSONValue) -> JSONValue {
        var object = object
        var metadata = object["metadata"]
        if entries.isEmpty {
            if metadata.hasKey("managedFields") {
                metadata.removeValue(forKey: "managedFields")
                object["metadata"] = metadata
            }
            return object
        }
        metadata["managedFields"] = .array(sorted(entries).map(\.json))
        object["metadata"] = metadata
        return object
    }

    /// The object without `metadata.managedFields`.
    public static func removing(from object: JSONValue) -> JSONValue {
        guard object["metadata"].hasKey("managedFields") else { return object }
        var object = object
        var metadata = object["metadata"]
        metadata.removeValue(forKey: "managedFields")
        object["metadata"] = metadata
        return object
    }

    /// kube-apiserver's entry order (`sortEncodedManagedFields`): `Apply` before `Update`, then by
    /// time (to the second, missing first), manager, apiVersion and subresource.
    public static func sorted(_ entries: [ManagedFieldsEntry]) -> [ManagedFieldsEntry] {
        entries.sorted { p, q in
            if p.operation != q.operation { return p.operation.rawValue < q.operation.rawValue }
            let (pt, qt) = (secondsKey(p.time), secondsKey(q.time))
            if pt != qt { return pt < qt }
            if p.manager != q.manager { return FieldPathElement.compareBytes(p.manager, q.manager) < 0 }
            if p.apiVersion != q.apiVersion { return FieldPathElement.compareBytes(p.apiVersion, q.apiVersion) < 0 }
            return FieldPathElement.compareBytes(p.subresource ?? "", q.subresource ?? "") < 0
        }
    }

    /// An RFC 3339 time cut to whole seconds (`2024-05-01T10:00:00`), comparable as text.
    static func secondsKey(_ time: String?) -> String {
        guard let time else { return "" }
        return String(time.prefix(19))
    }

    /// The maximum length of a field manager name (`FieldManagerMaxLength`).
    public static let maxManagerLength = 128

    /// The manager recorded for a non-apply request: the `fieldManager` query parameter, or else
    /// the User-Agent up to its first `/`, without unprintable characters and cut to 128 bytes
    /// (`managerOrUserAgent`): `kubectl-client-side-apply/v1.31.0 (linux/amd64) kubernetes/abc`
    /// gives `kubectl-client-side-apply`, `OpenAPI-Generator/31.0.0/python` gives
    /// `OpenAPI-Generator`. An empty result is recorded as `unknown` by the field manager.
    public static func managerName(fieldManager: String?, userAgent: String?) -> String {
        if let fieldManager, !fieldManager.isEmpty { return fieldManager }
        let prefix = (userAgent ?? "").split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var out = ""
        var length = 0
        for scalar in prefix.unicodeScalars {
            let category = scalar.properties.generalCategory
            let printable = scalar == " " || !(category == .control || category == .format || category == .surrogate || category == .privateUse
                || category == .unassigned || category == .lineSeparator || category == .paragraphSeparator || category == .spaceSeparator)
            guard printable else { continue }
            let size = String(scalar).utf8.count
            if length + size > maxManagerLength { break }
            out.unicodeScalars.append(scalar)
            length += size
        }
        return out
    }
}

/// Who owns a field set: the key of kube-apiserver's managed fields map
/// (`BuildManagerIdentifier`), where `Apply` entries ignore the apiVersion.
struct ManagerIdentity: Hashable, Sendable {
    var manager: String
    var operation: ManagedFieldsOperation
    var apiVersion: String
    var subresource: String

    init(manager: String, operation: ManagedFieldsOperation, apiVersion: String, subresource: String?) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = operation == .apply ? "" : apiVersion
        self.subresource = subresource ?? ""
    }

    /// The `Update` pseudo-manager collecting the fields of the request being tracked before they
    /// are merged into the real manager's entry (`managedFieldsUpdater`'s "current-operation").
    /// Its empty apiVersion cannot occur in a decoded `Update` entry.
    static let currentOperation = ManagerIdentity(manager: "current-operation", operation: .update, apiVersion: "", subresource: nil)

    /// The identifier as Go's `json.Marshal` writes it; upstream sorts managers by this text.
    var encoded: String {
        var out = "{"
        var first = true
        func add(_ key: String, _ value: String) {
            if value.isEmpty { return }
            if !first { out += "," }
            first = false
            out += "\"\(key)\":"
            GoFormat.writeJSONString(value, into: &out)
        }
        add("manager", manager)
        add("operation", operation.rawValue)
        add("apiVersion", apiVersion)
        add("subresource", subresource)
        return out + "}"
    }

    /// How conflicts name the manager (`printManager`): `"kubectl"`, `"kube-controller-manager"
    /// using apps/v1`, `"x" with subresource "status" using v1`. Apply managers have no version.
    var printed: String {
        var out = GoFormat.quote(manager)
        if !subresource.isEmpty { out += " with subresource \(GoFormat.quote(subresource))" }
        if operation == .update { out += " using \(apiVersion)" }
        return out
    }
}

/// A field set with the version it is expressed in and whether it was applied
/// (`fieldpath.VersionedSet`).
struct VersionedSet: Sendable {
    var set: FieldSet
    var apiVersion: String
    var applied: Bool
}

/// The decoded `managedFields` of an object (`internal.Managed`): sets and times by manager.
struct ManagedState: Sendable {
    var fields: [ManagerIdentity: VersionedSet] = [:]
    var times: [ManagerIdentity: String] = [:]

    init() {}

    init(entries: [ManagedFieldsEntry]) {
        for entry in entries {
            let id = ManagerIdentity(manager: entry.manager, operation: entry.operation, apiVersion: entry.apiVersion, subresource: entry.subresource)
            fields[id] = VersionedSet(set: entry.fields, apiVersion: entry.apiVersion, applied: entry.operation == .apply)
            if let time = entry.time { times[id] = time } else { times[id] = nil }
        }
    }

    /// The entries to write back (`encodeManagedFields`).
    var entries: [ManagedFieldsEntry] {
        fields.map { id, versioned in
            ManagedFieldsEntry(
                manager: id.manager, operation: versioned.applied ? .apply : .update, apiVersion: versioned.apiVersion,
                time: times[id], fields: versioned.set, subresource: id.subresource)
        }
    }

    /// Removes the fields kube-apiserver never tracks from one manager's set, deleting the entry
    /// when nothing is left (`stripMetaManager`).
    mutating func stripUntrackedFields(of id: ManagerIdentity) {
        guard var versioned = fields[id] else { return }
        versioned.set = versioned.set.subtracting(FieldSet.untrackedFields)
        fields[id] = versioned.set.isEmpty ? nil : versioned
    }

    /// The upper bound on `Update` entries (`DefaultMaxUpdateManagers`).
    static let maxUpdateManagers = 10

    /// Merges the oldest `Update` entries into one `ancient-changes` entry per apiVersion once
    /// there are more than ten (`capManagersManager`).
    mutating func capUpdateManagers() {
        var updaters = fields.filter { !$0.value.applied }.map(\.key)
        guard updaters.count > Self.maxUpdateManagers else { return }
        updaters.sort { a, b in
            let (ta, tb) = (ManagedFields.secondsKey(times[a]), ManagedFields.secondsKey(times[b]))
            if ta != tb { return ta < tb }
            return FieldPathElement.compareBytes(a.encoded, b.encoded) < 0
        }
        var firstByVersion: [String: ManagerIdentity] = [:]
        var length = updaters.count
        for manager in updaters where length > Self.maxUpdateManagers {
            guard let versioned = fields[manager] else { continue }
            let time = times[manager]
            let bucket = ManagerIdentity(manager: "ancient-changes", operation: .update, apiVersion: versioned.apiVersion, subresource: nil)
            if let first = firstByVersion[versioned.apiVersion] {
                if fields[bucket] == nil {
                    fields[bucket] = fields.removeValue(forKey: first)
                }
                fields[bucket] = VersionedSet(set: versioned.set.union(fields[bucket]?.set ?? FieldSet()), apiVersion: versioned.apiVersion, applied: false)
                fields[manager] = nil
                length -= 1
                times[bucket] = time
            } else {
                firstByVersion[versioned.apiVersion] = manager
            }
        }
    }
}
