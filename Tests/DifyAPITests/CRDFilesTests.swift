import DifyAPI
import Testing

/// `crds/*.yaml` are generated: they must be exactly what ``DifyCRDs/files()`` renders.
@Suite struct CRDFilesTests {
    @Test func generatedFilesAreNamedAfterGroupAndPlural() {
        #expect(DifyCRDs.files().map(\.name) == ["dify.ai_difymodels.yaml", "dify.ai_difydeployments.yaml"])
    }

    @Test(arguments: DifyCRDs.files().map(\.name))
    func checkedInFileMatchesGenerated(name: String) throws {
        let generated = try #require(DifyCRDs.files().first { $0.name == name }).contents
        guard let checkedIn = RepositoryFiles.text("crds/" + name) else {
            Issue.record("crds/\(name) is missing: run hack/update-crds.sh")
            return
        }
        if checkedIn != generated {
            Issue.record("crds/\(name) is not what DifyCRDs generates (\(Self.firstDifference(checkedIn, generated))): run hack/update-crds.sh")
        }
    }

    /// Where two texts first differ, by line, for a short failure message.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let la = a.split(separator: "\n", omittingEmptySubsequences: false)
        let lb = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(la.count, lb.count) {
            let x = i < la.count ? String(la[i]) : "<end of file>"
            let y = i < lb.count ? String(lb[i]) : "<end of file>"
            if x != y { return "line \(i + 1): file has \(String(reflecting: x)), generated \(String(reflecting: y))" }
        }
        return "same lines"
    }

    @Test func multiDocumentYAMLIsTheFilesConcatenated() {
        #expect(DifyCRDs.yaml() == DifyCRDs.files().map(\.contents).joined())
    }

    @Test func yamlReadsBackAsTheCRDs() throws {
        let documents = try YAMLDocuments.load(DifyCRDs.yaml())
        #expect(documents == DifyCRDs.all)
    }
}
