/// Where weights live inside the cache volume: written by the preload Job (and by a serving
/// pod's `fetch` init container when nothing preloaded them), read by the engines. Defined
/// once so writers and readers agree.
///
///     /models/<scheme>/<path>             s3, gs, oci, pvc, http(s), hf without a revision
///     /models/hf/<org>/<model>@<revision> hf with source.revision
///     /models/ollama                      Ollama's model store (OLLAMA_MODELS), any model
///
/// Characters other than letters, digits, `-`, `_`, `.` and `/` in the path (`:` of OCI tags,
/// `?` of URLs...) are written `_`; a revision's `/` too. Each revision pin gets its own
/// directory, so filling the cache for a new revision never rewrites files a running
/// revision reads.
public enum ModelLayout {
    /// Where the cache volume (or a `pvc://` source's claim) is mounted in every pod.
    public static let mountPath = "/models"
    /// The name of that volume in the pod.
    public static let volumeName = "model-cache"
    /// The directory of Ollama's model store inside the cache.
    public static let ollamaStore = "ollama"

    /// The absolute path of `source`'s weights (a directory, or a file for http(s)).
    public static func path(for source: ModelSourceURI, revision: String?) -> String {
        mountPath + "/" + relativePath(for: source, revision: revision)
    }

    /// ``path(for:revision:)`` relative to ``mountPath``.
    public static func relativePath(for source: ModelSourceURI, revision: String?) -> String {
        if source.scheme == "ollama" { return ollamaStore }
        var relative = source.scheme + "/" + sanitize(source.path, keepSlash: true)
        if source.scheme == "hf", let revision, !revision.isEmpty {
            relative += "@" + sanitize(revision, keepSlash: false)
        }
        return relative
    }

    /// The absolute path of Ollama's model store (`/models/ollama`).
    public static var ollamaStorePath: String { mountPath + "/" + ollamaStore }

    static func sanitize(_ s: String, keepSlash: Bool) -> String {
        var out = String(s.map { c -> Character in
            if c.isASCII, c.isLetter || c.isNumber || c == "-" || c == "_" || c == "." { return c }
            if c == "/", keepSlash { return c }
            return "_"
        })
        while out.hasSuffix("/") { out.removeLast() }
        return out
    }
}
