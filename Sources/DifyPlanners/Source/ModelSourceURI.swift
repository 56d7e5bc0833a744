import DifyAPI

/// A parsed `spec.source.uri`: `<scheme>://<path>` with a scheme of `DifyEnums.sourceSchemes`
/// (`hf`, `s3`, `gs`, `pvc`, `oci`, `ollama`, `http`, `https`).
///
/// What each scheme's path must look like:
/// - `hf://<org>/<model>` or `hf://<model>`: a Hugging Face repo id (letters, digits, `-`,
///   `_`, `.`; one or two segments);
/// - `s3://<bucket>[/<prefix>]`, `gs://<bucket>[/<prefix>]`: a bucket name (lower-case
///   letters, digits, `-`, `_`, `.`) and an optional prefix;
/// - `pvc://<claim>[/<path>]`: a claim name (a DNS-1123 subdomain, as for every PVC) and an
///   optional path inside it;
/// - `oci://<registry>/<repository>[:<tag>|@<digest>]`;
/// - `ollama://<model>[:<tag>]` (also `<namespace>/<model>`);
/// - `http(s)://<host>/<path>`: one file.
///
/// Every path is non-empty, free of whitespace and control characters, and has no `.` or
/// `..` segment (paths become mount sub-paths and cache directories). The scheme is
/// case-insensitive and stored lower-cased; trailing `/` are dropped (except for http(s)).
public struct ModelSourceURI: Equatable, Sendable, CustomStringConvertible {
    /// Lower-cased, e.g. `hf`.
    public var scheme: String
    /// Everything after `scheme://`.
    public var path: String

    public init(scheme: String, path: String) {
        self.scheme = scheme
        self.path = path
    }

    /// `scheme://path`.
    public var description: String { "\(scheme)://\(path)" }

    /// For `pvc://claim/path`: the claim.
    public var pvcClaim: String? {
        scheme == "pvc" ? String(path.split(separator: "/", maxSplits: 1).first ?? "") : nil
    }

    /// For `pvc://claim/path`: the path inside the claim; nil for the claim's root (and for
    /// other schemes).
    public var pvcSubPath: String? {
        guard scheme == "pvc" else { return nil }
        let parts = path.split(separator: "/", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : nil
    }

    /// For `hf://org/model`: the repo id `org/model`.
    public var huggingFaceRepo: String? { scheme == "hf" ? path : nil }

    /// For `s3://` and `gs://`: the bucket.
    public var bucket: String? {
        scheme == "s3" || scheme == "gs" ? String(path.split(separator: "/", maxSplits: 1).first ?? "") : nil
    }

    /// Parses and checks `uri` (see the type's rules): ``SourceReason/unsupportedSourceURI``
    /// for a missing or unknown scheme (the message lists the supported ones),
    /// ``SourceReason/invalidSourceURI`` for a malformed path.
    public static func parse(_ uri: String) -> Result<ModelSourceURI, SpecProblem> {
        let field = "spec.source.uri"
        let schemes = DifyEnums.sourceSchemes
        func unsupported(_ detail: String) -> Result<ModelSourceURI, SpecProblem> {
            .failure(SpecProblem(field: field, reason: SourceReason.unsupportedSourceURI,
                                 message: "\(detail); spec.source.uri must be <scheme>://<path> with scheme one of \(schemes.map { "\($0)://" }.joined(separator: ", "))"))
        }
        func invalid(_ detail: String) -> Result<ModelSourceURI, SpecProblem> {
            .failure(SpecProblem(field: field, reason: SourceReason.invalidSourceURI, message: "spec.source.uri \"\(uri)\": \(detail)"))
        }

        guard let separator = uri.firstRange(of: "://") else {
            return unsupported(uri.isEmpty ? "spec.source.uri is empty" : "spec.source.uri \"\(uri)\" has no scheme")
        }
        let scheme = uri[..<separator.lowerBound].lowercased()
        guard schemes.contains(scheme) else {
            return unsupported("the scheme \"\(uri[..<separator.lowerBound])\" of spec.source.uri is not supported")
        }
        var path = String(uri[separator.upperBound...])
        guard path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7f }) else {
            return invalid("contains whitespace or control characters")
        }
        if scheme != "http", scheme != "https" {
            while path.hasSuffix("/") { path.removeLast() }
        }
        guard !path.isEmpty, !path.hasPrefix("/") else {
            return invalid("the path after \(scheme):// is empty")
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0 == "." || $0 == ".." }) {
            return invalid("a path segment is . or ..")
        }
        let source = ModelSourceURI(scheme: scheme, path: path)

        switch scheme {
        case "hf":
            guard segments.count <= 2, segments.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isRepoCharacter) }) else {
                return invalid("a Hugging Face repo id is <org>/<model> or <model> (letters, digits, '-', '_', '.')")
            }
        case "s3", "gs":
            guard segments[0].allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "_" || $0 == "." }) else {
                return invalid("\"\(segments[0])\" is not a bucket name (lower-case letters, digits, '-', '_', '.')")
            }
            if segments.dropFirst().contains(where: \.isEmpty) { return invalid("the object prefix has an empty segment") }
        case "pvc":
            guard KubernetesNameRules.isDNS1123Subdomain(String(segments[0])) else {
                return invalid("\"\(segments[0])\" is not a PersistentVolumeClaim name (lower-case letters, digits, '-' and '.')")
            }
            if segments.dropFirst().contains(where: \.isEmpty) { return invalid("the path inside the claim has an empty segment") }
        case "oci":
            guard segments.count >= 2, segments.allSatisfy({ !$0.isEmpty }) else {
                return invalid("an OCI reference is <registry>/<repository>[:<tag>|@<digest>]")
            }
        case "ollama":
            guard segments.allSatisfy({ !$0.isEmpty && $0.allSatisfy { isRepoCharacter($0) || $0 == ":" } }) else {
                return invalid("an Ollama model is <model>[:<tag>] (letters, digits, '-', '_', '.')")
            }
        default: // http, https
            guard !segments[0].isEmpty else { return invalid("the URL has no host") }
        }
        return .success(source)
    }

    private static func isRepoCharacter(_ c: Character) -> Bool {
        (c.isASCII && (c.isLetter || c.isNumber)) || c == "-" || c == "_" || c == "."
    }
}

/// The `reason`s of the ``SpecProblem``s about `spec.source` and the engine it feeds.
public enum SourceReason {
    /// No scheme, or one outside `DifyEnums.sourceSchemes`.
    public static let unsupportedSourceURI = "UnsupportedSourceURI"
    /// A supported scheme with a malformed path.
    public static let invalidSourceURI = "InvalidSourceURI"
    /// `source.credentialsSecretRef.name` is not a Secret name.
    public static let invalidSecretName = "InvalidSecretName"
}
