// STUB: replaced by the source/engine planner work.
/// A parsed `spec.source.uri`.
public struct ModelSourceURI: Equatable, Sendable {
    public var scheme: String
    /// Everything after `scheme://`.
    public var path: String
    /// For `pvc://claim/path`: the claim.
    public var pvcClaim: String? { scheme == "pvc" ? String(path.split(separator: "/").first ?? "") : nil }
    /// For `pvc://claim/path`: the path inside the claim.
    public var pvcSubPath: String? { scheme == "pvc" ? path.split(separator: "/").dropFirst().joined(separator: "/") : nil }

    public static func parse(_ uri: String) -> Result<ModelSourceURI, SpecProblem> {
        guard let r = uri.range(of: "://") else { return .failure(SpecProblem(field: "spec.source.uri", reason: "UnsupportedSourceURI", message: "bad uri")) }
        return .success(ModelSourceURI(scheme: String(uri[..<r.lowerBound]), path: String(uri[r.upperBound...])))
    }
}
