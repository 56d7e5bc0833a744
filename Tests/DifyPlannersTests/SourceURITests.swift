import DifyAPI
import Testing
@testable import DifyPlanners

@Suite("Model source URI")
struct SourceURITests {
    /// (uri, scheme, path, pvc claim, pvc sub-path)
    @Test(arguments: [
        ("hf://meta-llama/Meta-Llama-3-8B-Instruct", "hf", "meta-llama/Meta-Llama-3-8B-Instruct", nil, nil),
        ("HF://gpt2", "hf", "gpt2", nil, nil),
        ("hf://Qwen/Qwen2.5-1.5B-Instruct/", "hf", "Qwen/Qwen2.5-1.5B-Instruct", nil, nil),
        ("s3://models/llama/8b/", "s3", "models/llama/8b", nil, nil),
        ("gs://my-bucket", "gs", "my-bucket", nil, nil),
        ("pvc://models-pvc/llama/8b", "pvc", "models-pvc/llama/8b", "models-pvc", "llama/8b"),
        ("pvc://models-pvc", "pvc", "models-pvc", "models-pvc", nil),
        ("pvc://models.v1/x", "pvc", "models.v1/x", "models.v1", "x"),
        ("oci://ghcr.io/org/model:v1", "oci", "ghcr.io/org/model:v1", nil, nil),
        ("oci://registry.local:5000/m@sha256:abc", "oci", "registry.local:5000/m@sha256:abc", nil, nil),
        ("ollama://llama3:8b", "ollama", "llama3:8b", nil, nil),
        ("ollama://library/qwen2.5:0.5b", "ollama", "library/qwen2.5:0.5b", nil, nil),
        ("https://example.com/m/model.gguf", "https", "example.com/m/model.gguf", nil, nil),
        ("http://10.0.0.1:8080/x.gguf?token=1", "http", "10.0.0.1:8080/x.gguf?token=1", nil, nil),
    ] as [(String, String, String, String?, String?)])
    func parses(uri: String, scheme: String, path: String, claim: String?, subPath: String?) throws {
        let s = try ModelSourceURI.parse(uri).get()
        #expect(s.scheme == scheme)
        #expect(s.path == path)
        #expect(s.pvcClaim == claim)
        #expect(s.pvcSubPath == subPath)
        #expect(s.description == "\(scheme)://\(path)")
    }

    @Test(arguments: DifyEnums.sourceSchemes)
    func everyDocumentedSchemeIsAccepted(scheme: String) throws {
        let path = scheme == "oci" ? "ghcr.io/org/model:v1" : "claim-or-bucket/model"
        #expect(try ModelSourceURI.parse("\(scheme)://\(path)").get().scheme == scheme)
    }

    /// (uri, reason)
    @Test(arguments: [
        ("", "UnsupportedSourceURI"), ("meta-llama/Meta-Llama-3-8B", "UnsupportedSourceURI"),
        ("ftp://host/model", "UnsupportedSourceURI"), ("file:///models/x", "UnsupportedSourceURI"),
        ("huggingface://org/m", "UnsupportedSourceURI"),
        ("hf://", "InvalidSourceURI"), ("hf:///", "InvalidSourceURI"), ("hf://a/b/c", "InvalidSourceURI"),
        ("hf://org/model name", "InvalidSourceURI"), ("hf://org/mödel", "InvalidSourceURI"), ("hf://org//m", "InvalidSourceURI"),
        ("s3://Bucket/x", "InvalidSourceURI"), ("s3://bucket/../etc", "InvalidSourceURI"), ("s3://bucket//x", "InvalidSourceURI"),
        ("gs://bucket/./x", "InvalidSourceURI"),
        ("pvc://Bad_Claim/x", "InvalidSourceURI"), ("pvc://claim//x", "InvalidSourceURI"), ("pvc://-claim", "InvalidSourceURI"),
        ("pvc://claim/../other", "InvalidSourceURI"),
        ("oci://model", "InvalidSourceURI"), ("ollama://llama3:8b!", "InvalidSourceURI"),
        ("https:///path", "InvalidSourceURI"), ("https://", "InvalidSourceURI"), ("http://host/a\tb", "InvalidSourceURI"),
    ])
    func rejects(uri: String, reason: String) throws {
        guard case .failure(let p) = ModelSourceURI.parse(uri) else { Issue.record("accepted \(uri)"); return }
        #expect(p.field == "spec.source.uri")
        #expect(p.reason == reason)
    }

    @Test func unsupportedSchemeListsTheAllowedOnes() throws {
        guard case .failure(let p) = ModelSourceURI.parse("ftp://host/model") else { Issue.record("accepted"); return }
        #expect(p.message == "the scheme \"ftp\" of spec.source.uri is not supported; spec.source.uri must be <scheme>://<path> with scheme one of hf://, s3://, gs://, pvc://, oci://, ollama://, http://, https://")
    }

    /// Where the cache holds each source's weights.
    @Test(arguments: [
        ("hf://meta-llama/Meta-Llama-3-8B-Instruct", nil, "/models/hf/meta-llama/Meta-Llama-3-8B-Instruct"),
        ("hf://meta-llama/Meta-Llama-3-8B-Instruct", "main", "/models/hf/meta-llama/Meta-Llama-3-8B-Instruct@main"),
        ("hf://org/m", "refs/pr/1", "/models/hf/org/m@refs_pr_1"),
        ("hf://org/m", "", "/models/hf/org/m"),
        ("s3://bucket/llama/8b", "ignored", "/models/s3/bucket/llama/8b"),
        ("gs://bucket", nil, "/models/gs/bucket"),
        ("oci://ghcr.io/org/model:v1", nil, "/models/oci/ghcr.io/org/model_v1"),
        ("oci://ghcr.io/org/m@sha256:ab", nil, "/models/oci/ghcr.io/org/m_sha256_ab"),
        ("ollama://llama3:8b", nil, "/models/ollama"),
        ("https://example.com/m/model.gguf?x=1", nil, "/models/https/example.com/m/model.gguf_x_1"),
        ("http://10.0.0.1:8080/", nil, "/models/http/10.0.0.1_8080"),
        ("pvc://claim/llama/8b", nil, "/models/pvc/claim/llama/8b"),
    ] as [(String, String?, String)])
    func layout(uri: String, revision: String?, path: String) {
        #expect(ModelLayout.path(for: Fixture.source(uri), revision: revision) == path)
    }
}
