import Foundation
import KubeCore

/// The create-only review APIs, answered from the authorizer and never stored (kube-apiserver's
/// `pkg/registry/authorization/*` and `pkg/registry/authentication/selfsubjectreview`):
///
/// | resource | question | who may ask (bootstrap RBAC) |
/// | --- | --- | --- |
/// | `authorization.k8s.io/v1 selfsubjectaccessreviews` | may I do this? (`kubectl auth can-i`) | every authenticated user |
/// | `authorization.k8s.io/v1 subjectaccessreviews` | may this user/groups do this? | whoever is granted it (cluster admins) |
/// | `authorization.k8s.io/v1 localsubjectaccessreviews` (namespaced) | the same, within the URL's namespace | whoever is granted it |
/// | `authorization.k8s.io/v1 selfsubjectrulesreviews` | what may I do in a namespace? (`kubectl auth can-i --list`) | every authenticated user |
/// | `authentication.k8s.io/v1 selfsubjectreviews` | who am I? (`kubectl auth whoami`) | every authenticated user |
///
/// An access review answers `status.allowed`, `status.denied` and `status.reason` exactly as the
/// request itself would be authorized (in AlwaysAllow mode: allowed), with 201 Created. A
/// SubjectAccessReview checks the user and groups as given: `system:authenticated` is not added.
/// An empty `resourceAttributes.version` means any version and an empty namespace all namespaces
/// (for RBAC: ClusterRoleBindings only).
enum AccessReviews {
    static let storageKeys: Set<String> = [
        "authorization.k8s.io/selfsubjectaccessreviews", "authorization.k8s.io/subjectaccessreviews",
        "authorization.k8s.io/localsubjectaccessreviews", "authorization.k8s.io/selfsubjectrulesreviews",
        "authentication.k8s.io/selfsubjectreviews",
    ]

    /// Whether the resource is a review (create-only, never stored).
    static func handles(_ def: ResourceDefinition) -> Bool { storageKeys.contains(def.storageKey) }
}

extension APIServer {
    /// Answers a review (the body of `POST` on one of ``AccessReviews`` resources) for `user`.
    public func review(_ def: ResourceDefinition, namespace: String?, body: JSONValue, user: UserInfo) throws -> JSONValue {
        try checkTypeMeta(def, body)
        var review = body
        review["apiVersion"] = .string(def.apiVersion)
        review["kind"] = .string(def.kind)
        review.removeValue(forKey: "status")
        let spec = body["spec"]
        switch def.plural {
        case "selfsubjectreviews":
            var info: JSONValue = ["username": .string(user.name), "groups": .array(user.groups.map { .string($0) })]
            if !user.uid.isEmpty { info["uid"] = .string(user.uid) }
            if !user.extra.isEmpty { info["extra"] = .object(user.extra.mapValues { .array($0.map { .string($0) }) }) }
            return ["apiVersion": .string(def.apiVersion), "kind": .string(def.kind), "metadata": ["creationTimestamp": nil], "status": ["userInfo": info]]
        case "selfsubjectrulesreviews":
            let ns = spec["namespace"].stringValue ?? ""
            guard !ns.isEmpty else { throw APIError.badRequest("no namespace on request") }
            return selfSubjectRulesReview(def, user: user, namespace: ns)
        default:
            break
        }
        var causes: [(field: String, value: String, why: String)] = []
        var metadata = body["metadata"].objectValue ?? [:]
        metadata.removeValue(forKey: "managedFields")
        if def.plural == "localsubjectaccessreviews" {
            let ns = metadata["namespace"]?.stringValue ?? ""
            if !ns.isEmpty, let urlNS = namespace, ns != urlNS {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            metadata.removeValue(forKey: "namespace")
            review["metadata"]["namespace"] = .string(namespace ?? "")
        }
        if metadata.values.contains(where: { !Self.isEmptyValue($0) }) {
            causes.append(("metadata", goQuote(JSONValue.object(metadata).description), def.plural == "localsubjectaccessreviews" ? "must be empty except for namespace" : "must be empty"))
        }
        let resource = spec["resourceAttributes"], nonResource = spec["nonResourceAttributes"]
        let hasResource = !resource.isNull, hasNonResource = !nonResource.isNull
        if hasResource && hasNonResource {
            causes.append(("spec.nonResourceAttributes", Self.describeNonResource(nonResource), "cannot be specified in combination with resourceAttributes"))
        }
        if !hasResource && !hasNonResource {
            causes.append(("spec.resourceAttributes", "\"null\"", "exactly one of nonResourceAttributes or resourceAttributes must be specified"))
        }
        var subject = user
        if def.plural != "selfsubjectaccessreviews" {
            let name = spec["user"].stringValue ?? ""
            let groups = spec["groups"].arrayValue?.compactMap(\.stringValue) ?? []
            if name.isEmpty && groups.isEmpty {
                causes.append(("spec.user", goQuote(name), "at least one of user or group must be specified"))
            }
            subject = UserInfo(name: name, uid: spec["uid"].stringValue ?? "", groups: groups)
        }
        if def.plural == "localsubjectaccessreviews" {
            if hasResource, (resource["namespace"].stringValue ?? "") != (namespace ?? "") {
                causes.append(("spec.resourceAttributes.namespace", goQuote(resource["namespace"].stringValue ?? ""), "must match metadata.namespace"))
            }
            if hasNonResource {
                causes.append(("spec.nonResourceAttributes", Self.describeNonResource(nonResource), "disallowed on this kind of request"))
            }
        }
        if !causes.isEmpty { throw Self.invalidReview(def, causes) }

        let attributes: AuthorizationAttributes
        if hasResource {
            let version = resource["version"].stringValue ?? ""
            attributes = AuthorizationAttributes(user: subject, verb: resource["verb"].stringValue ?? "", isResourceRequest: true,
                                                 apiGroup: resource["group"].stringValue ?? "", apiVersion: version.isEmpty ? "*" : version,
                                                 namespace: resource["namespace"].stringValue ?? "", resource: resource["resource"].stringValue ?? "",
                                                 subresource: resource["subresource"].stringValue ?? "", name: resource["name"].stringValue ?? "")
        } else {
            attributes = AuthorizationAttributes(user: subject, verb: nonResource["verb"].stringValue ?? "", isResourceRequest: false, path: nonResource["path"].stringValue ?? "")
        }
        let decision = authorizer.authorize(attributes)
        var status: JSONValue = ["allowed": .bool(decision.allowed)]
        if decision.denied { status["denied"] = true }
        if !decision.reason.isEmpty { status["reason"] = .string(decision.reason) }
        review["status"] = status
        if review["metadata"].isNull { review["metadata"] = ["creationTimestamp": nil] }
        return review
    }

    /// `kubectl auth can-i --list`: the rules the user has in a namespace, split into resource
    /// and non-resource rules (kube-apiserver echoes no spec here).
    private func selfSubjectRulesReview(_ def: ResourceDefinition, user: UserInfo, namespace: String) -> JSONValue {
        let found = authorizer.rules(for: user, namespace: namespace)
        func list(_ xs: [String]?) -> JSONValue { .array((xs ?? []).map { .string($0) }) }
        var resourceRules: [JSONValue] = []
        var nonResourceRules: [JSONValue] = []
        for r in found.rules {
            if !(r.resources ?? []).isEmpty {
                var rule: JSONValue = ["verbs": list(r.verbs)]
                if !(r.apiGroups ?? []).isEmpty { rule["apiGroups"] = list(r.apiGroups) }
                rule["resources"] = list(r.resources)
                if !(r.resourceNames ?? []).isEmpty { rule["resourceNames"] = list(r.resourceNames) }
                resourceRules.append(rule)
            }
            if !(r.nonResourceURLs ?? []).isEmpty {
                nonResourceRules.append(["verbs": list(r.verbs), "nonResourceURLs": list(r.nonResourceURLs)])
            }
        }
        var status: JSONValue = ["resourceRules": .array(resourceRules), "nonResourceRules": .array(nonResourceRules), "incomplete": .bool(found.incomplete)]
        if !found.errors.isEmpty { status["evaluationError"] = .string(RBACAuthorizer.aggregate(found.errors)) }
        return ["apiVersion": .string(def.apiVersion), "kind": .string(def.kind), "metadata": ["creationTimestamp": nil], "spec": .emptyObject, "status": status]
    }

    /// Whether a metadata value counts as unset (Go's zero value: null, "", 0, false, {} or []).
    private static func isEmptyValue(_ v: JSONValue) -> Bool {
        switch v {
        case .null: return true
        case .string(let s): return s.isEmpty
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .object(let o): return o.isEmpty
        case .array(let a): return a.isEmpty
        default: return false
        }
    }

    /// How apimachinery's field errors print a NonResourceAttributes value (`%#v`).
    private static func describeNonResource(_ v: JSONValue) -> String {
        "authorization.NonResourceAttributes{Path:\(goQuote(v["path"].stringValue ?? "")), Verb:\(goQuote(v["verb"].stringValue ?? ""))}"
    }

    /// 422 `<Kind>.<group> "" is invalid: ...`, one cause per failed rule, as `errors.NewInvalid`.
    private static func invalidReview(_ def: ResourceDefinition, _ causes: [(field: String, value: String, why: String)]) -> APIError {
        let parts = causes.map { "\($0.field): Invalid value: \($0.value): \($0.why)" }
        let list = parts.count == 1 ? parts[0] : "[" + parts.joined(separator: ", ") + "]"
        return APIError(code: 422, reason: StatusReason.invalid, message: "\(def.kind).\(def.group) \"\" is invalid: \(list)",
                        details: StatusDetails(group: def.group, kind: def.kind, causes: causes.map { StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \($0.value): \($0.why)", field: $0.field) }))
    }
}
