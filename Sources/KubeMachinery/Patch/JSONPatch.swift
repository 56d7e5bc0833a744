import KubeCore

/// JSON Patch (RFC 6902), as kube-apiserver applies `application/json-patch+json` bodies.
///
/// kube-apiserver uses `gopkg.in/evanphx/json-patch.v4`; the default ``Options/kubeAPIServer``
/// reproduces that library's behaviour, including where it is more lenient than the RFC:
/// - `replace` of a missing object member adds it (the RFC requires the target to exist);
/// - `copy`/`move` from a missing object member copy `null`/fail on the remove respectively;
///   `test` against a missing member succeeds when the expected value is `null`;
/// - `add`/`replace` without a `value` member use `null`;
/// - array indexes are parsed like Go's `strconv.Atoi` (`+1`, `01`) and negative indexes count
///   from the end (`SupportNegativeIndices` is on in kube-apiserver);
/// - the root pointer `""` works only for `replace` (object or array values) and `test`;
/// - an unknown `op` fails when it is reached (422), not when the patch is decoded.
///
/// ``Options/rfc6902`` is the strict RFC 6902/6901 reading (canonical indexes only, `replace`,
/// `copy`, `move` and `test` require an existing target, `value`/`from` required).
///
/// Application is atomic: the input is never modified and either every operation applies or a
/// ``PatchError`` is thrown. Errors map to HTTP statuses as kube-apiserver's handler does (see
/// ``PatchError``): a body that is not an array of objects is 400; more than 10,000 operations
/// 413; any operation failing, including `test`, 422 `Invalid`.
public enum JSONPatch {
    /// How strictly to follow RFC 6902, and kube-apiserver's resource limits.
    public struct Options: Sendable, Equatable {
        /// Which reading of the RFC to follow.
        public enum Dialect: Sendable, Equatable {
            /// evanphx/json-patch v4 as configured in kube-apiserver.
            case kubeAPIServer
            /// RFC 6902 / RFC 6901 strictly.
            case rfc6902
        }

        /// Which reading of RFC 6902 to follow.
        public var dialect: Dialect
        /// The most operations one patch may contain (kube-apiserver: 10,000; excess is 413).
        public var maxOperations: Int?
        /// The most bytes `copy` operations may add in total (kube-apiserver's
        /// `JSONPatchMaxCopyBytes`: 3 MiB).
        public var maxCopyBytes: Int?

        /// Options with the given dialect and limits (nil: unlimited).
        public init(dialect: Dialect, maxOperations: Int? = 10_000, maxCopyBytes: Int? = 3 * 1024 * 1024) {
            self.dialect = dialect
            self.maxOperations = maxOperations
            self.maxCopyBytes = maxCopyBytes
        }

        /// kube-apiserver's behaviour (the default).
        public static let kubeAPIServer = Options(dialect: .kubeAPIServer)
        /// Strict RFC 6902, with kube-apiserver's limits.
        public static let rfc6902 = Options(dialect: .rfc6902)
    }

    /// Checks that `patch` is a JSON patch document (an array of objects; `null` counts as an empty
    /// patch, as Go decodes it) within the operation limit, without applying it.
    /// - Throws: ``PatchError/Kind/malformedPatch`` (400) or ``PatchError/Kind/tooManyOperations`` (413).
    public static func validate(_ patch: JSONValue, options: Options = .kubeAPIServer) throws(PatchError) {
        _ = try decode(patch, options: options)
    }

    /// Applies `patch` to `document` and returns the patched document.
    /// - Throws: ``PatchError``; `document` is unaffected (values are immutable).
    public static func apply(_ patch: JSONValue, to document: JSONValue, options: Options = .kubeAPIServer) throws(PatchError) -> JSONValue {
        let operations = try decode(patch, options: options)
        var applier = Applier(document: document, options: options)
        for (index, operation) in operations.enumerated() {
            try applier.apply(operation, index: index)
        }
        return applier.document
    }

    /// Parses JSON text and applies it (a convenience for request bodies).
    /// - Throws: ``PatchError`` with ``PatchError/Kind/malformedPatch`` when the text is not JSON.
    public static func apply(patchText: String, to document: JSONValue, options: Options = .kubeAPIServer) throws(PatchError) -> JSONValue {
        let patch: JSONValue
        do { patch = try JSONValue.parse(patchText) } catch { throw PatchError(.malformedPatch, "\(error)") }
        return try apply(patch, to: document, options: options)
    }

    /// The operations of a patch document: each element's object (nil for a `null` element).
    static func decode(_ patch: JSONValue, options: Options) throws(PatchError) -> [[String: JSONValue]?] {
        let elements: [JSONValue]
        switch patch {
        case .null: elements = []
        case .array(let a): elements = a
        default:
            throw PatchError(.malformedPatch,
                "json: cannot unmarshal \(GoFormat.jsonKind(patch)) into Go value of type jsonpatch.Patch")
        }
        var operations: [[String: JSONValue]?] = []
        operations.reserveCapacity(elements.count)
        for element in elements {
            switch element {
            case .null: operations.append(nil)
            case .object(let o): operations.append(o)
            default:
                throw PatchError(.malformedPatch,
                    "json: cannot unmarshal \(GoFormat.jsonKind(element)) into Go value of type jsonpatch.Operation")
            }
        }
        if let limit = options.maxOperations, operations.count > limit {
            throw PatchError(.tooManyOperations,
                "The allowed maximum operations in a JSON patch is \(limit), got \(operations.count)")
        }
        return operations
    }
}
