import KubeCore
import Testing

@testable import KubeMachinery

private func json(_ text: String) -> JSONValue {
    do { return try JSONValue.parse(text) } catch { fatalError("bad test JSON \(text): \(error)") }
}

struct JSONMergePatchTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let original: String
        let patch: String
        let result: String
        var testDescription: String { "\(original) + \(patch)" }
    }

    /// RFC 7386 Appendix A, verbatim.
    static let rfcExamples: [Case] = [
        .init(original: #"{"a":"b"}"#, patch: #"{"a":"c"}"#, result: #"{"a":"c"}"#),
        .init(original: #"{"a":"b"}"#, patch: #"{"b":"c"}"#, result: #"{"a":"b","b":"c"}"#),
        .init(original: #"{"a":"b"}"#, patch: #"{"a":null}"#, result: #"{}"#),
        .init(original: #"{"a":"b","b":"c"}"#, patch: #"{"a":null}"#, result: #"{"b":"c"}"#),
        .init(original: #"{"a":["b"]}"#, patch: #"{"a":"c"}"#, result: #"{"a":"c"}"#),
        .init(original: #"{"a":"c"}"#, patch: #"{"a":["b"]}"#, result: #"{"a":["b"]}"#),
        .init(original: #"{"a":{"b":"c"}}"#, patch: #"{"a":{"b":"d","c":null}}"#, result: #"{"a":{"b":"d"}}"#),
        .init(original: #"{"a":[{"b":"c"}]}"#, patch: #"{"a":[1]}"#, result: #"{"a":[1]}"#),
        .init(original: #"["a","b"]"#, patch: #"["c","d"]"#, result: #"["c","d"]"#),
        .init(original: #"{"a":"b"}"#, patch: #"["c"]"#, result: #"["c"]"#),
        .init(original: #"{"a":"foo"}"#, patch: "null", result: "null"),
        .init(original: #"{"a":"foo"}"#, patch: #""bar""#, result: #""bar""#),
        .init(original: #"{"e":null}"#, patch: #"{"a":1}"#, result: #"{"e":null,"a":1}"#),
        .init(original: #"[1,2]"#, patch: #"{"a":"b","c":null}"#, result: #"{"a":"b"}"#),
        .init(original: #"{}"#, patch: #"{"a":{"bb":{"ccc":null}}}"#, result: #"{"a":{"bb":{}}}"#),
    ]

    @Test(arguments: rfcExamples)
    func rfc7386Appendix(_ c: Case) {
        #expect(JSONMergePatch.apply(json(c.patch), to: json(c.original)) == json(c.result))
    }

    /// Kubernetes-shaped documents, and evanphx v4's null pruning inside copied-in values.
    static let kubernetesExamples: [Case] = [
        .init(original: #"{"metadata":{"labels":{"a":"1","b":"2"}}}"#,
              patch: #"{"metadata":{"labels":{"a":null,"c":"3"}}}"#,
              result: #"{"metadata":{"labels":{"b":"2","c":"3"}}}"#),
        .init(original: #"{"metadata":{"finalizers":["a","b"]}}"#,
              patch: #"{"metadata":{"finalizers":["c"]}}"#,
              result: #"{"metadata":{"finalizers":["c"]}}"#),
        .init(original: #"{"spec":{"replicas":1}}"#, patch: #"{"spec":{"replicas":3}}"#, result: #"{"spec":{"replicas":3}}"#),
        .init(original: #"{"metadata":{"name":"x"}}"#, patch: #"{"spec":{"a":null}}"#, result: #"{"metadata":{"name":"x"},"spec":{}}"#),
        .init(original: #"{}"#, patch: #"{"a":[{"b":null,"c":1},null]}"#, result: #"{"a":[{"c":1},null]}"#),
        .init(original: #"{"a":{"x":1}}"#, patch: #"{"a":[{"b":null}]}"#, result: #"{"a":[{"b":null}]}"#),
    ]

    @Test(arguments: kubernetesExamples)
    func kubernetesDocuments(_ c: Case) {
        #expect(JSONMergePatch.apply(json(c.patch), to: json(c.original)) == json(c.result))
    }

    struct DiffCase: CustomTestStringConvertible, Sendable {
        let original: String
        let modified: String
        let patch: String
        var testDescription: String { "\(original) -> \(modified)" }
    }

    static let diffs: [DiffCase] = [
        .init(original: #"{"a":1}"#, modified: #"{"a":1}"#, patch: #"{}"#),
        .init(original: #"{"a":1}"#, modified: #"{"a":2}"#, patch: #"{"a":2}"#),
        .init(original: #"{"a":1,"b":2}"#, modified: #"{"a":1}"#, patch: #"{"b":null}"#),
        .init(original: #"{"a":{"x":1,"y":2}}"#, modified: #"{"a":{"x":1,"y":3,"z":4}}"#, patch: #"{"a":{"y":3,"z":4}}"#),
        .init(original: #"{"a":{"x":1}}"#, modified: #"{"a":{}}"#, patch: #"{"a":{"x":null}}"#),
        .init(original: #"{"a":[1,2]}"#, modified: #"{"a":[1,2,3]}"#, patch: #"{"a":[1,2,3]}"#),
        .init(original: #"{"a":{"x":1}}"#, modified: #"{"a":"s"}"#, patch: #"{"a":"s"}"#),
        .init(original: #"{"metadata":{"labels":{"app":"x"},"name":"n"}}"#,
              modified: #"{"metadata":{"labels":{"app":"y","tier":"web"},"name":"n"}}"#,
              patch: #"{"metadata":{"labels":{"app":"y","tier":"web"}}}"#),
        .init(original: #"[1]"#, modified: #"{"a":1}"#, patch: #"{"a":1}"#),
    ]

    @Test(arguments: diffs)
    func createsMinimalPatch(_ c: DiffCase) {
        let patch = JSONMergePatch.create(from: json(c.original), to: json(c.modified))
        #expect(patch == json(c.patch))
        #expect(JSONMergePatch.apply(patch, to: json(c.original)) == json(c.modified))
    }

    @Test(arguments: ["null", "\"x\"", "1", "true"])
    func kubeAPIServerRejectsNonObjectPatches(_ text: String) {
        let error = #expect(throws: PatchError.self) { try JSONMergePatch.validate(json(text)) }
        #expect(error?.isBadRequest == true)
        #expect(error?.message == "Invalid JSON Patch")
    }

    @Test func kubeAPIServerAcceptsObjectPatches() throws {
        try JSONMergePatch.validate(json(#"{"a":null}"#))
        try JSONMergePatch.validate(json("[]"))
    }
}
