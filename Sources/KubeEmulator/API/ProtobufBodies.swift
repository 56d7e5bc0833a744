import Foundation
import KubeCore

/// Decodes the Kubernetes protobuf request bodies that kubectl's typed clients send
/// (`application/vnd.kubernetes.protobuf`, e.g. `kubectl create namespace`) into JSON, for the
/// kinds whose wire schema is tabled here: Namespace, ConfigMap, Secret, ServiceAccount, the RBAC
/// kinds (`kubectl create role|clusterrole|rolebinding|clusterrolebinding`), and
/// the create-only requests of `kubectl create token` (TokenRequest), `kubectl auth can-i` and
/// `kubectl auth whoami` (the access and self-subject reviews).
/// Other kinds answer 415, which is what a server without protobuf support for them answers.
///
/// The envelope is the 4-byte magic `k8s\0` followed by a `runtime.Unknown` message
/// (1: TypeMeta{1: apiVersion, 2: kind}, 2: raw object bytes, 3: contentEncoding, 4: contentType);
/// field numbers are those of k8s.io/api's `generated.proto`.
enum ProtobufBodies {
    static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    /// How one field maps to JSON.
    indirect enum FieldKind: Sendable {
        case string, bytes, int, bool, time
        case message([Int: (String, FieldKind)])
        case stringMap, bytesMap
        case repeated(FieldKind)
    }

    static let objectReference: [Int: (String, FieldKind)] = [1: ("kind", .string), 2: ("namespace", .string), 3: ("name", .string), 4: ("uid", .string), 5: ("apiVersion", .string), 6: ("resourceVersion", .string), 7: ("fieldPath", .string)]
    static let objectMeta: [Int: (String, FieldKind)] = [
        1: ("name", .string), 2: ("generateName", .string), 3: ("namespace", .string), 5: ("uid", .string),
        6: ("resourceVersion", .string), 7: ("generation", .int), 8: ("creationTimestamp", .time), 9: ("deletionTimestamp", .time),
        10: ("deletionGracePeriodSeconds", .int), 11: ("labels", .stringMap), 12: ("annotations", .stringMap),
        13: ("ownerReferences", .repeated(.message([1: ("kind", .string), 3: ("name", .string), 4: ("uid", .string), 5: ("apiVersion", .string), 6: ("controller", .bool), 7: ("blockOwnerDeletion", .bool)]))),
        14: ("finalizers", .repeated(.string)),
    ]
    /// `SubjectAccessReviewSpec` (a SelfSubjectAccessReviewSpec is its first two fields):
    /// resource or non-resource attributes, user, groups and uid (`extra` is not decoded).
    static let accessReviewSpec: [Int: (String, FieldKind)] = [
        1: ("resourceAttributes", .message([1: ("namespace", .string), 2: ("verb", .string), 3: ("group", .string), 4: ("version", .string), 5: ("resource", .string), 6: ("subresource", .string), 7: ("name", .string)])),
        2: ("nonResourceAttributes", .message([1: ("path", .string), 2: ("verb", .string)])),
        3: ("user", .string), 4: ("groups", .repeated(.string)), 6: ("uid", .string),
    ]
    static let policyRule: [Int: (String, FieldKind)] = [1: ("verbs", .repeated(.string)), 2: ("apiGroups", .repeated(.string)), 3: ("resources", .repeated(.string)), 4: ("resourceNames", .repeated(.string)), 5: ("nonResourceURLs", .repeated(.string))]
    static let subject: [Int: (String, FieldKind)] = [1: ("kind", .string), 2: ("apiGroup", .string), 3: ("name", .string), 4: ("namespace", .string)]
    static let roleRef: [Int: (String, FieldKind)] = [1: ("apiGroup", .string), 2: ("kind", .string), 3: ("name", .string)]
    static let labelSelector: [Int: (String, FieldKind)] = [1: ("matchLabels", .stringMap), 2: ("matchExpressions", .repeated(.message([1: ("key", .string), 2: ("operator", .string), 3: ("values", .repeated(.string))])))]
    static let kinds: [String: [Int: (String, FieldKind)]] = [
        "v1/Namespace": [1: ("metadata", .message(objectMeta)), 2: ("spec", .message([1: ("finalizers", .repeated(.string))])), 3: ("status", .message([1: ("phase", .string)]))],
        "v1/ConfigMap": [1: ("metadata", .message(objectMeta)), 2: ("data", .stringMap), 3: ("binaryData", .bytesMap), 4: ("immutable", .bool)],
        "v1/Secret": [1: ("metadata", .message(objectMeta)), 2: ("data", .bytesMap), 3: ("type", .string), 4: ("stringData", .stringMap), 5: ("immutable", .bool)],
        "authentication.k8s.io/v1/TokenRequest": [1: ("metadata", .message(objectMeta)), 2: ("spec", .message([
            1: ("audiences", .repeated(.string)), 4: ("expirationSeconds", .int),
            3: ("boundObjectRef", .message([1: ("kind", .string), 2: ("apiVersion", .string), 3: ("name", .string), 4: ("uid", .string)])),
        ]))],
        "authentication.k8s.io/v1/SelfSubjectReview": [1: ("metadata", .message(objectMeta))],
        "authorization.k8s.io/v1/SelfSubjectAccessReview": [1: ("metadata", .message(objectMeta)), 2: ("spec", .message(accessReviewSpec))],
        "authorization.k8s.io/v1/SubjectAccessReview": [1: ("metadata", .message(objectMeta)), 2: ("spec", .message(accessReviewSpec))],
        "authorization.k8s.io/v1/LocalSubjectAccessReview": [1: ("metadata", .message(objectMeta)), 2: ("spec", .message(accessReviewSpec))],
        "authorization.k8s.io/v1/SelfSubjectRulesReview": [1: ("metadata", .message(objectMeta)), 2: ("spec", .message([1: ("namespace", .string)]))],
        "rbac.authorization.k8s.io/v1/Role": [1: ("metadata", .message(objectMeta)), 2: ("rules", .repeated(.message(policyRule)))],
        "rbac.authorization.k8s.io/v1/ClusterRole": [1: ("metadata", .message(objectMeta)), 2: ("rules", .repeated(.message(policyRule))),
                                                     3: ("aggregationRule", .message([1: ("clusterRoleSelectors", .repeated(.message(labelSelector)))]))],
        "rbac.authorization.k8s.io/v1/RoleBinding": [1: ("metadata", .message(objectMeta)), 2: ("subjects", .repeated(.message(subject))), 3: ("roleRef", .message(roleRef))],
        "rbac.authorization.k8s.io/v1/ClusterRoleBinding": [1: ("metadata", .message(objectMeta)), 2: ("subjects", .repeated(.message(subject))), 3: ("roleRef", .message(roleRef))],
        "v1/ServiceAccount": [1: ("metadata", .message(objectMeta)), 2: ("secrets", .repeated(.message(objectReference))), 3: ("imagePullSecrets", .repeated(.message([1: ("name", .string)]))), 4: ("automountServiceAccountToken", .bool)],
    ]

    /// `meta/v1 DeleteOptions` (the body of a DELETE, e.g. Helm's uninstall of its release Secret).
    static let deleteOptions: [Int: (String, FieldKind)] = [
        1: ("gracePeriodSeconds", .int),
        2: ("preconditions", .message([1: ("uid", .string), 2: ("resourceVersion", .string)])),
        3: ("orphanDependents", .bool), 4: ("propagationPolicy", .string), 5: ("dryRun", .repeated(.string)),
    ]

    struct Unsupported: Error {}

    static func decode(_ body: [UInt8]) throws -> JSONValue {
        guard body.count > 4, Array(body[0..<4]) == magic else { throw Unsupported() }
        let envelope = try fields(ArraySlice(body[4...]))
        guard let typeMetaBytes = envelope.first(where: { $0.number == 1 })?.bytes, let raw = envelope.first(where: { $0.number == 2 })?.bytes else { throw Unsupported() }
        let typeMeta = try fields(typeMetaBytes)
        let apiVersion = typeMeta.first { $0.number == 1 }.map { String(decoding: $0.bytes ?? [], as: UTF8.self) } ?? ""
        let kind = typeMeta.first { $0.number == 2 }.map { String(decoding: $0.bytes ?? [], as: UTF8.self) } ?? ""
        // DeleteOptions is registered in every group version (client-go encodes it with the
        // resource's): one schema whatever the apiVersion.
        guard let schema = kind == "DeleteOptions" ? deleteOptions : kinds["\(apiVersion)/\(kind)"] else { throw Unsupported() }
        var obj = try message(raw, schema)
        obj["apiVersion"] = .string(apiVersion)
        obj["kind"] = .string(kind)
        return obj
    }

    struct Field { var number: Int; var varint: UInt64?; var bytes: ArraySlice<UInt8>? }

    /// Splits a message into its fields (wire types 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32).
    static func fields(_ data: ArraySlice<UInt8>) throws -> [Field] {
        var out: [Field] = []
        var i = data.startIndex
        func varint() throws -> UInt64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard i < data.endIndex, shift < 64 else { throw Unsupported() }
                let b = data[i]; i += 1
                v |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return v }
                shift += 7
            }
        }
        while i < data.endIndex {
            let key = try varint()
            let number = Int(key >> 3)
            switch key & 7 {
            case 0: out.append(Field(number: number, varint: try varint()))
            case 1: guard i + 8 <= data.endIndex else { throw Unsupported() }; i += 8
            case 2:
                let n = Int(try varint())
                guard n >= 0, i + n <= data.endIndex else { throw Unsupported() }
                out.append(Field(number: number, bytes: data[i..<(i + n)]))
                i += n
            case 5: guard i + 4 <= data.endIndex else { throw Unsupported() }; i += 4
            default: throw Unsupported()
            }
        }
        return out
    }

    static func message(_ data: ArraySlice<UInt8>, _ schema: [Int: (String, FieldKind)]) throws -> JSONValue {
        var obj: [String: JSONValue] = [:]
        for f in try fields(data) {
            guard let (name, kind) = schema[f.number] else { continue }
            switch kind {
            case .repeated(let inner):
                // An empty string is a list element like any other (`apiGroups: [""]` is the core group).
                let element: JSONValue? = if case .string = inner { .string(String(decoding: f.bytes ?? [], as: UTF8.self)) } else { try value(f, inner) }
                if let v = element {
                    var list = obj[name]?.arrayValue ?? []
                    list.append(v)
                    obj[name] = .array(list)
                }
            case .stringMap, .bytesMap:
                let entry = try fields(f.bytes ?? [])
                let k = entry.first { $0.number == 1 }.map { String(decoding: $0.bytes ?? [], as: UTF8.self) } ?? ""
                let raw = entry.first { $0.number == 2 }?.bytes ?? []
                var map = obj[name]?.objectValue ?? [:]
                if case .bytesMap = kind { map[k] = .string(Data(raw).base64EncodedString()) } else { map[k] = .string(String(decoding: raw, as: UTF8.self)) }
                obj[name] = .object(map)
            default:
                if let v = try value(f, kind) { obj[name] = v }
            }
        }
        return .object(obj)
    }

    /// A scalar or nested message; empty strings and zero times are omitted, as Go's
    /// `omitempty` JSON encoding of the decoded struct would.
    static func value(_ f: Field, _ kind: FieldKind) throws -> JSONValue? {
        switch kind {
        case .string:
            let s = String(decoding: f.bytes ?? [], as: UTF8.self)
            return s.isEmpty ? nil : .string(s)
        case .bytes: return .string(Data(f.bytes ?? []).base64EncodedString())
        case .int: return f.varint.map { .int(Int64(bitPattern: $0)) }
        case .bool: return f.varint.map { .bool($0 != 0) }
        case .time:
            let t = try fields(f.bytes ?? [])
            let seconds = t.first { $0.number == 1 }?.varint ?? 0
            return seconds == 0 ? nil : .string(Time(Date(timeIntervalSince1970: Double(Int64(bitPattern: seconds)))).description)
        case .message(let schema):
            let m = try message(f.bytes ?? [], schema)
            return m.objectValue?.isEmpty == true ? nil : m
        case .stringMap, .bytesMap, .repeated: return nil
        }
    }
}
