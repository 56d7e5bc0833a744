import KubeCore
import Testing

@testable import KubeMachinery

private func json(_ text: String) -> JSONValue {
    do { return try JSONValue.parse(text) } catch { fatalError("bad test JSON \(text): \(error)") }
}

/// RFC 6902 Appendix A examples, plus kube-apiserver (evanphx v4) specifics.
struct JSONPatchTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let document: String
        let patch: String
        let expected: String
        var testDescription: String { name }
    }

    static let successes: [Case] = [
        .init(name: "A.1 add an object member", document: #"{"foo":"bar"}"#,
              patch: #"[{"op":"add","path":"/baz","value":"qux"}]"#, expected: #"{"baz":"qux","foo":"bar"}"#),
        .init(name: "A.2 add an array element", document: #"{"foo":["bar","baz"]}"#,
              patch: #"[{"op":"add","path":"/foo/1","value":"qux"}]"#, expected: #"{"foo":["bar","qux","baz"]}"#),
        .init(name: "A.3 remove an object member", document: #"{"baz":"qux","foo":"bar"}"#,
              patch: #"[{"op":"remove","path":"/baz"}]"#, expected: #"{"foo":"bar"}"#),
        .init(name: "A.4 remove an array element", document: #"{"foo":["bar","qux","baz"]}"#,
              patch: #"[{"op":"remove","path":"/foo/1"}]"#, expected: #"{"foo":["bar","baz"]}"#),
        .init(name: "A.5 replace a value", document: #"{"baz":"qux","foo":"bar"}"#,
              patch: #"[{"op":"replace","path":"/baz","value":"boo"}]"#, expected: #"{"baz":"boo","foo":"bar"}"#),
        .init(name: "A.6 move a value",
              document: #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
              patch: #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
              expected: #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#),
        .init(name: "A.7 move an array element", document: #"{"foo":["all","grass","cows","eat"]}"#,
              patch: #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#,
              expected: #"{"foo":["all","cows","eat","grass"]}"#),
        .init(name: "A.8 test a value: success", document: #"{"baz":"qux","foo":["a",2,"c"]}"#,
              patch: #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#,
              expected: #"{"baz":"qux","foo":["a",2,"c"]}"#),
        .init(name: "A.10 add a nested member object", document: #"{"foo":"bar"}"#,
              patch: #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#,
              expected: #"{"foo":"bar","child":{"grandchild":{}}}"#),
        .init(name: "A.11 ignore unrecognized elements", document: #"{"foo":"bar"}"#,
              patch: #"[{"op":"add","path":"/baz","value":"qux","xyz":123}]"#, expected: #"{"foo":"bar","baz":"qux"}"#),
        .init(name: "A.14 ~ escape ordering", document: #"{"/":9,"~1":10}"#,
              patch: #"[{"op":"test","path":"/~01","value":10}]"#, expected: #"{"/":9,"~1":10}"#),
        .init(name: "A.16 add an array value", document: #"{"foo":["bar"]}"#,
              patch: #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#,
              expected: #"{"foo":["bar",["abc","def"]]}"#),
        .init(name: "~1 escapes a slash in a label key", document: #"{"metadata":{"labels":{"app.kubernetes.io/name":"x"}}}"#,
              patch: #"[{"op":"replace","path":"/metadata/labels/app.kubernetes.io~1name","value":"y"}]"#,
              expected: #"{"metadata":{"labels":{"app.kubernetes.io/name":"y"}}}"#),
        .init(name: "add replaces an existing member", document: #"{"a":1}"#,
              patch: #"[{"op":"add","path":"/a","value":2}]"#, expected: #"{"a":2}"#),
        .init(name: "add at the end index appends", document: #"{"a":[1,2]}"#,
              patch: #"[{"op":"add","path":"/a/2","value":3}]"#, expected: #"{"a":[1,2,3]}"#),
        .init(name: "copy an object", document: #"{"a":{"b":[1]},"c":{}}"#,
              patch: #"[{"op":"copy","from":"/a","path":"/c/d"}]"#, expected: #"{"a":{"b":[1]},"c":{"d":{"b":[1]}}}"#),
        .init(name: "copy into an array", document: #"{"a":[1,2]}"#,
              patch: #"[{"op":"copy","from":"/a/0","path":"/a/-"}]"#, expected: #"{"a":[1,2,1]}"#),
        .init(name: "move to the same place is a no-op", document: #"{"a":1}"#,
              patch: #"[{"op":"move","from":"/a","path":"/a"}]"#, expected: #"{"a":1}"#),
        .init(name: "replace the whole document", document: #"{"a":1}"#,
              patch: #"[{"op":"replace","path":"","value":{"b":2}}]"#, expected: #"{"b":2}"#),
        .init(name: "test the whole document", document: #"{"a":1}"#,
              patch: #"[{"op":"test","path":"","value":{"a":1}}]"#, expected: #"{"a":1}"#),
        .init(name: "empty key pointer", document: #"{"":1}"#,
              patch: #"[{"op":"replace","path":"/","value":2}]"#, expected: #"{"":2}"#),
        .init(name: "later operations see earlier ones", document: #"{}"#,
              patch: #"[{"op":"add","path":"/a","value":{}},{"op":"add","path":"/a/b","value":[]},{"op":"add","path":"/a/b/0","value":"x"}]"#,
              expected: #"{"a":{"b":["x"]}}"#),
        .init(name: "null patch is empty", document: #"{"a":1}"#, patch: "null", expected: #"{"a":1}"#),
        // evanphx v4 leniencies kube-apiserver inherits:
        .init(name: "kube: replace of a missing member adds it", document: #"{"metadata":{}}"#,
              patch: #"[{"op":"replace","path":"/metadata/labels","value":{"a":"b"}}]"#,
              expected: #"{"metadata":{"labels":{"a":"b"}}}"#),
        .init(name: "kube: negative index counts from the end", document: #"{"a":[1,2,3]}"#,
              patch: #"[{"op":"remove","path":"/a/-1"}]"#, expected: #"{"a":[1,2]}"#),
        .init(name: "kube: test of a missing member against null", document: #"{"a":1}"#,
              patch: #"[{"op":"test","path":"/b","value":null}]"#, expected: #"{"a":1}"#),
        .init(name: "kube: add without value adds null", document: #"{}"#,
              patch: #"[{"op":"add","path":"/a"}]"#, expected: #"{"a":null}"#),
    ]

    @Test(arguments: successes)
    func appliesPatch(_ c: Case) throws {
        let result = try JSONPatch.apply(json(c.patch), to: json(c.document))
        #expect(result == json(c.expected))
    }

    /// The finalizer idiom controllers use: add a finalizer only if the list is still what was read.
    @Test func finalizerIdiom() throws {
        let patch = json(#"[{"op":"test","path":"/metadata/finalizers","value":["a"]},{"op":"add","path":"/metadata/finalizers/-","value":"b"}]"#)
        let pod = json(#"{"metadata":{"name":"p","finalizers":["a"]}}"#)
        #expect(try JSONPatch.apply(patch, to: pod) == json(#"{"metadata":{"name":"p","finalizers":["a","b"]}}"#))

        let changed = json(#"{"metadata":{"name":"p","finalizers":["a","c"]}}"#)
        let error = #expect(throws: PatchError.self) { try JSONPatch.apply(patch, to: changed) }
        #expect(error?.kind == .testFailed)
        #expect(error?.message == "testing value /metadata/finalizers failed: test failed")
        #expect(error?.operationIndex == 0)
        #expect(error?.httpStatus == 422)
        #expect(error?.reason == "Invalid")
        #expect(error?.statusMessage == "the server rejected our request due to an error in our request")
        #expect(error?.description == "json patch operation 0 (test /metadata/finalizers): testing value /metadata/finalizers failed: test failed")
    }

    struct Failure: CustomTestStringConvertible, Sendable {
        let name: String
        let document: String
        let patch: String
        let kind: PatchError.Kind
        let index: Int?
        let message: String
        var testDescription: String { name }
    }

    static let failures: [Failure] = [
        .init(name: "A.9 test a value: error", document: #"{"baz":"qux"}"#,
              patch: #"[{"op":"test","path":"/baz","value":"bar"}]"#, kind: .testFailed, index: 0,
              message: "testing value /baz failed: test failed"),
        .init(name: "A.12 add to a nonexistent target", document: #"{"foo":"bar"}"#,
              patch: #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#, kind: .operationFailed, index: 0,
              message: #"add operation does not apply: doc is missing path: "/baz/bat": missing value"#),
        .init(name: "A.15 comparing strings and numbers", document: #"{"/":9,"~1":10}"#,
              patch: #"[{"op":"test","path":"/~01","value":"10"}]"#, kind: .testFailed, index: 0,
              message: "testing value /~01 failed: test failed"),
        .init(name: "remove a missing finalizers member", document: #"{"metadata":{}}"#,
              patch: #"[{"op":"remove","path":"/metadata/finalizers"}]"#, kind: .operationFailed, index: 0,
              message: "error in remove for path: '/metadata/finalizers': Unable to remove nonexistent key: finalizers: missing value"),
        .init(name: "remove below a missing member", document: #"{}"#,
              patch: #"[{"op":"remove","path":"/metadata/finalizers"}]"#, kind: .operationFailed, index: 0,
              message: #"remove operation does not apply: doc is missing path: "/metadata/finalizers": missing value"#),
        .init(name: "remove past the end", document: #"{"a":[1]}"#,
              patch: #"[{"op":"remove","path":"/a/1"}]"#, kind: .operationFailed, index: 0,
              message: "error in remove for path: '/a/1': Unable to access invalid index: 1: invalid index referenced"),
        .init(name: "add past the end", document: #"{"a":[1]}"#,
              patch: #"[{"op":"add","path":"/a/5","value":2}]"#, kind: .operationFailed, index: 0,
              message: "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced"),
        .init(name: "add with a non-numeric index", document: #"{"a":[1]}"#,
              patch: #"[{"op":"add","path":"/a/x","value":2}]"#, kind: .operationFailed, index: 0,
              message: #"error in add for path: '/a/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax"#),
        .init(name: "replace a missing element", document: #"{"a":[]}"#,
              patch: #"[{"op":"replace","path":"/a/0","value":1}]"#, kind: .operationFailed, index: 0,
              message: "replace operation does not apply: doc is missing key: /a/0: missing value"),
        .init(name: "move from a missing member", document: #"{"a":{}}"#,
              patch: #"[{"op":"move","from":"/a/b","path":"/c"}]"#, kind: .operationFailed, index: 0,
              message: "error in move for path: 'b': Unable to remove nonexistent key: b: missing value"),
        .init(name: "move into its own child", document: #"{"a":{"b":1}}"#,
              patch: #"[{"op":"move","from":"/a","path":"/a/c"}]"#, kind: .operationFailed, index: 0,
              message: "move operation does not apply: doc is missing destination path: /a/c: missing value"),
        .init(name: "copy to a missing parent", document: #"{"a":1}"#,
              patch: #"[{"op":"copy","from":"/a","path":"/x/y"}]"#, kind: .operationFailed, index: 0,
              message: "copy operation does not apply: doc is missing destination path: /x/y: missing value"),
        .init(name: "unknown op fails when reached", document: #"{}"#,
              patch: #"[{"op":"add","path":"/a","value":1},{"op":"frobnicate","path":"/a"}]"#, kind: .operationFailed, index: 1,
              message: "Unexpected kind: frobnicate"),
        .init(name: "missing op", document: #"{}"#,
              patch: #"[{"path":"/a"}]"#, kind: .operationFailed, index: 0, message: "Unexpected kind: unknown"),
        .init(name: "missing path", document: #"{}"#,
              patch: #"[{"op":"remove"}]"#, kind: .operationFailed, index: 0,
              message: "remove operation failed to decode path: missing value"),
        .init(name: "traversing a scalar", document: #"{"a":1}"#,
              patch: #"[{"op":"add","path":"/a/b","value":1}]"#, kind: .operationFailed, index: 0,
              message: #"add operation does not apply: doc is missing path: "/a/b": missing value"#),
        .init(name: "add at the root is unsupported by kube-apiserver", document: #"{}"#,
              patch: #"[{"op":"add","path":"","value":{}}]"#, kind: .operationFailed, index: 0,
              message: #"add operation does not apply: doc is missing path: "": missing value"#),
        .init(name: "patch must be an array", document: #"{}"#,
              patch: #"{"op":"add","path":"/a","value":1}"#, kind: .malformedPatch, index: nil,
              message: "json: cannot unmarshal object into Go value of type jsonpatch.Patch"),
        .init(name: "operations must be objects", document: #"{}"#,
              patch: #"["add"]"#, kind: .malformedPatch, index: nil,
              message: "json: cannot unmarshal string into Go value of type jsonpatch.Operation"),
    ]

    @Test(arguments: failures)
    func rejectsPatch(_ c: Failure) {
        let error = #expect(throws: PatchError.self) { try JSONPatch.apply(json(c.patch), to: json(c.document)) }
        #expect(error?.kind == c.kind)
        #expect(error?.operationIndex == c.index)
        #expect(error?.message == c.message)
    }

    @Test func errorsMapToKubeAPIServerStatuses() {
        #expect(PatchError(.malformedPatch, "x").httpStatus == 400)
        #expect(PatchError(.malformedPatch, "x").isBadRequest)
        #expect(PatchError(.malformedPatch, "x").status.reason == "BadRequest")
        #expect(PatchError(.malformedPatch, "x").status.message == "x")
        #expect(PatchError(.operationFailed, "x").httpStatus == 422)
        #expect(!PatchError(.operationFailed, "x").isBadRequest)
        #expect(PatchError(.testFailed, "x").status.code == 422)
        #expect(PatchError(.testFailed, "x").status.reason == "Invalid")
        #expect(PatchError(.tooManyOperations, "x").httpStatus == 413)
        #expect(PatchError(.tooManyOperations, "x").statusMessage == "Request entity too large: x")
        #expect(PatchError(.internalError, "x").httpStatus == 500)
        #expect(PatchError(.internalError, "x").status.reason == nil)
    }

    /// All or nothing: a failure in a later operation leaves no trace of earlier ones.
    @Test func isAtomic() {
        let document = json(#"{"a":1,"list":[1,2]}"#)
        let patch = json(#"[{"op":"replace","path":"/a","value":2},{"op":"remove","path":"/list/0"},{"op":"test","path":"/a","value":3}]"#)
        var observed = document
        #expect(throws: PatchError.self) { observed = try JSONPatch.apply(patch, to: document) }
        #expect(observed == document)
        #expect(document == json(#"{"a":1,"list":[1,2]}"#))
    }

    @Test func limitsOperationCount() {
        let op = json(#"{"op":"test","path":"/a","value":1}"#)
        let patch = JSONValue.array(Array(repeating: op, count: 10_001))
        let error = #expect(throws: PatchError.self) { try JSONPatch.apply(patch, to: json(#"{"a":1}"#)) }
        #expect(error?.kind == .tooManyOperations)
        #expect(error?.message == "The allowed maximum operations in a JSON patch is 10000, got 10001")
    }

    @Test func limitsCopiedBytes() {
        var options = JSONPatch.Options.kubeAPIServer
        options.maxCopyBytes = 20
        let patch = json(#"[{"op":"copy","from":"/a","path":"/b"},{"op":"copy","from":"/a","path":"/c"}]"#)
        let error = #expect(throws: PatchError.self) {
            try JSONPatch.apply(patch, to: json(#"{"a":"0123456789"}"#), options: options)
        }
        #expect(error?.operationIndex == 1)
        #expect(error?.message == "Unable to complete the copy, the accumulated size increase of copy is 24, exceeding the limit 20")
    }

    struct StrictCase: CustomTestStringConvertible, Sendable {
        let name: String
        let document: String
        let patch: String
        let kind: PatchError.Kind
        var testDescription: String { name }
    }

    /// The RFC dialect: canonical indexes, existing targets, required members.
    static let strictFailures: [StrictCase] = [
        .init(name: "leading zero index", document: #"{"a":[1,2]}"#, patch: #"[{"op":"remove","path":"/a/01"}]"#, kind: .operationFailed),
        .init(name: "signed index", document: #"{"a":[1,2]}"#, patch: #"[{"op":"remove","path":"/a/+1"}]"#, kind: .operationFailed),
        .init(name: "negative index", document: #"{"a":[1,2]}"#, patch: #"[{"op":"remove","path":"/a/-1"}]"#, kind: .operationFailed),
        .init(name: "replace of a missing member", document: #"{}"#, patch: #"[{"op":"replace","path":"/a","value":1}]"#, kind: .operationFailed),
        .init(name: "test of a missing member", document: #"{}"#, patch: #"[{"op":"test","path":"/a","value":null}]"#, kind: .operationFailed),
        .init(name: "copy from a missing member", document: #"{}"#, patch: #"[{"op":"copy","from":"/a","path":"/b"}]"#, kind: .operationFailed),
        .init(name: "add without value", document: #"{}"#, patch: #"[{"op":"add","path":"/a"}]"#, kind: .malformedPatch),
        .init(name: "bad escape", document: #"{}"#, patch: #"[{"op":"add","path":"/a~2","value":1}]"#, kind: .malformedPatch),
    ]

    @Test(arguments: strictFailures)
    func strictDialectRejects(_ c: StrictCase) {
        let error = #expect(throws: PatchError.self) {
            try JSONPatch.apply(json(c.patch), to: json(c.document), options: .rfc6902)
        }
        #expect(error?.kind == c.kind)
    }

    @Test func strictDialectAddsAtRoot() throws {
        let patch = json(#"[{"op":"add","path":"","value":[1]}]"#)
        #expect(try JSONPatch.apply(patch, to: json("{}"), options: .rfc6902) == json("[1]"))
    }

    @Test func kubeDialectAcceptsAtoiIndexes() throws {
        let document = json(#"{"a":[1,2,3]}"#)
        #expect(try JSONPatch.apply(json(#"[{"op":"remove","path":"/a/01"}]"#), to: document) == json(#"{"a":[1,3]}"#))
        #expect(try JSONPatch.apply(json(#"[{"op":"add","path":"/a/-1","value":9}]"#), to: document) == json(#"{"a":[1,2,3,9]}"#))
    }

    @Test func parsesPatchText() throws {
        let result = try JSONPatch.apply(patchText: #"[{"op":"add","path":"/a","value":1}]"#, to: json("{}"))
        #expect(result == json(#"{"a":1}"#))
        let error = #expect(throws: PatchError.self) { try JSONPatch.apply(patchText: "[", to: json("{}")) }
        #expect(error?.isBadRequest == true)
    }
}
