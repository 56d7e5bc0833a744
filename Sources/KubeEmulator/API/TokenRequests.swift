import Foundation
import KubeCore

/// The TokenRequest API: `POST /api/v1/namespaces/<ns>/serviceaccounts/<name>/token` with an
/// `authentication.k8s.io/v1 TokenRequest` (what `kubectl create token` sends), answering 201
/// with `status.token` and `status.expirationTimestamp`, as kube-apiserver's `TokenREST`
/// (`pkg/registry/core/serviceaccount/storage/token.go`):
///
/// - `metadata.name`/`metadata.namespace`, when given, must be the service account's (422);
/// - the service account must exist (404 `serviceaccounts "<name>" not found`);
/// - `spec.audiences` defaults to the API server's audience; a token for other audiences does
///   not authenticate to the API server;
/// - `spec.expirationSeconds` defaults to 3600 and must be at least 600 and at most 2^32 (422);
///   the token expires then, by the emulator's clock (with the one-minute leeway kube-apiserver
///   grants, see ``ServiceAccountTokens/leeway``);
/// - `spec.boundObjectRef` may bind the token to a Pod (running as that service account),
///   Secret or Node of the namespace: 404 when it does not exist, 409 when its `uid` is not the
///   object's, 400 for other kinds; the token then also dies with that object.
///
/// The token authenticates as `system:serviceaccount:<ns>:<name>` until it expires or the
/// service account (or bound object) is deleted or recreated with another uid. Tokens are
/// random and never logged. Not modelled: `--service-account-max-token-expiration` and the
/// extended expiry kube-apiserver grants to tokens requested for exactly 3607 s.
extension APIServer {
    static let tokenRequestKind = (group: "authentication.k8s.io", kind: "TokenRequest", apiVersion: "authentication.k8s.io/v1")

    /// Issues a token for a service account; `body` is the TokenRequest (or an empty object).
    public func createToken(namespace: String, serviceAccount name: String, body: JSONValue) throws -> JSONValue {
        guard case .object = body else { throw APIError.badRequest("the body of the request must be a JSON object") }
        if let kind = body["kind"].stringValue, !kind.isEmpty, kind != Self.tokenRequestKind.kind {
            throw APIError.badRequest("the kind in the data (\(kind)) does not match the expected kind (\(Self.tokenRequestKind.kind))")
        }
        var req = body
        if let n = req["metadata"]["name"].stringValue, !n.isEmpty, n != name {
            throw Self.invalidTokenRequest(name, field: "metadata.name", value: goQuote(n), "must match the service account name if specified")
        }
        if let ns = req["metadata"]["namespace"].stringValue, !ns.isEmpty, ns != namespace {
            throw Self.invalidTokenRequest(name, field: "metadata.namespace", value: goQuote(ns), "must match the service account namespace if specified")
        }
        guard let saDef = registry.lookup(group: "", version: "v1", plural: "serviceaccounts") else { throw APIError.internalError("serviceaccounts are not served") }
        guard let sa = store.get(saDef.storageKey, namespace: namespace, name: name) else { throw APIError.notFound(saDef, name) }
        var audiences = req["spec"]["audiences"].arrayValue?.compactMap(\.stringValue) ?? []
        if audiences.isEmpty { audiences = [Authenticator.apiAudience] }
        let expirationSeconds = req["spec"]["expirationSeconds"].intValue ?? 3600
        let now = clock()
        req["apiVersion"] = .string(Self.tokenRequestKind.apiVersion)
        req["kind"] = .string(Self.tokenRequestKind.kind)
        req["metadata"]["name"] = .string(name)
        req["metadata"]["namespace"] = .string(namespace)
        req["metadata"]["creationTimestamp"] = .string(Time(now).description)
        req["spec"]["audiences"] = .array(audiences.map { .string($0) })
        req["spec"]["expirationSeconds"] = .int(expirationSeconds)
        req.removeValue(forKey: "status")
        if expirationSeconds < 600 {
            throw Self.invalidTokenRequest("", field: "spec.expirationSeconds", value: String(expirationSeconds), "may not specify a duration less than 10 minutes")
        }
        if expirationSeconds > 1 << 32 {
            throw Self.invalidTokenRequest("", field: "spec.expirationSeconds", value: String(expirationSeconds), "may not specify a duration larger than 2^32 seconds")
        }
        let bound = try boundObject(req["spec"]["boundObjectRef"], namespace: namespace, serviceAccount: name)
        let expires = now.addingTimeInterval(TimeInterval(expirationSeconds))
        let claims = ServiceAccountTokens.Claims(namespace: namespace, serviceAccount: name, serviceAccountUID: sa.uid ?? "", expires: expires, audiences: audiences, bound: bound)
        let token = authenticator.serviceAccountTokens.issue(claims, now: now)
        req["status"] = ["token": .string(token), "expirationTimestamp": .string(Time(expires).description)]
        return req
    }

    /// Resolves `spec.boundObjectRef` to the object the token will be bound to.
    private func boundObject(_ ref: JSONValue, namespace: String, serviceAccount: String) throws -> ServiceAccountTokens.BoundObject? {
        guard case .object = ref else { return nil }
        let kind = ref["kind"].stringValue ?? ""
        let apiVersion = ref["apiVersion"].stringValue ?? ""
        let name = ref["name"].stringValue ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        let plural: String
        switch (group, kind) {
        case ("", "Pod"): plural = "pods"
        case ("", "Secret"): plural = "secrets"
        case ("", "Node"): plural = "nodes"
        default:
            let version = apiVersion.contains("/") ? String(apiVersion.split(separator: "/").last ?? "") : apiVersion
            // schema.GroupVersionKind.String(): `<group>/<version>, Kind=<kind>`.
            throw APIError.badRequest("cannot bind token to object of type \(group)/\(version), Kind=\(kind)")
        }
        guard let def = registry.lookup(group: "", version: "v1", plural: plural) else { throw APIError.internalError("\(plural) are not served") }
        let objectNamespace = def.isNamespaced ? namespace : ""
        guard let obj = store.get(def.storageKey, namespace: objectNamespace, name: name) else { throw APIError.notFound(def, name) }
        if plural == "pods", (obj["spec"]["serviceAccountName"].stringValue ?? "") != serviceAccount {
            throw APIError.badRequest("cannot bind token for serviceaccount \(goQuote(serviceAccount)) to pod running with different serviceaccount name.")
        }
        let uid = obj.uid ?? ""
        if let wanted = ref["uid"].stringValue, !wanted.isEmpty, wanted != uid {
            throw APIError(code: 409, reason: StatusReason.conflict, message: "Operation cannot be fulfilled on \(kind) \(goQuote(name)): the UID in the bound object reference (\(wanted)) does not match the UID in record. The object might have been deleted and then recreated",
                           details: StatusDetails(name: name, kind: kind))
        }
        return ServiceAccountTokens.BoundObject(storageKey: def.storageKey, namespace: objectNamespace, name: name, uid: uid)
    }

    /// 422 `TokenRequest.authentication.k8s.io "<name>" is invalid: <field>: Invalid value: <v>: <why>`.
    static func invalidTokenRequest(_ name: String, field: String, value: String, _ why: String) -> APIError {
        let cause = StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \(value): \(why)", field: field)
        return APIError(code: 422, reason: StatusReason.invalid, message: "TokenRequest.authentication.k8s.io \(goQuote(name)) is invalid: \(field): Invalid value: \(value): \(why)",
                        details: StatusDetails(name: name.isEmpty ? nil : name, group: "authentication.k8s.io", kind: "TokenRequest", causes: [cause]))
    }
}
