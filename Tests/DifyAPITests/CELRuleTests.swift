import DifyAPI
import KubeCore
import KubeMachinery
import Testing

/// The shape of the CEL rules in the CRDs (their meaning is checked by `hack/cel-check.py`,
/// as neither KubeMachinery nor the emulator evaluates CEL).
@Suite struct CELRuleTests {
    static func rules(_ crd: JSONValue) throws -> [(path: SchemaPath, rule: ValidationRule)] {
        try DifySchemas.structural(crd).allValidationRules().flatMap { entry in entry.rules.map { (entry.path, $0) } }
    }

    @Test func theRulesAreWhereTheyBelong() throws {
        func places(_ crd: JSONValue) throws -> [String] {
            try Self.rules(crd).map { ($0.path.isEmpty ? "" : $0.path.joined(separator: ".")) }
        }
        #expect(try places(DifyCRDs.difyModel) == [
            "",
            "spec", "spec", "spec", "spec", "spec", "spec",
            "spec.engine",
            "spec.resources.gpu", "spec.resources.gpu",
            "spec.source.uri",
        ])
        #expect(try places(DifyCRDs.difyDeployment) == [
            "", "spec.autoscaling", "spec.modelRef", "spec.strategy.rollingUpdate",
        ])
    }

    @Test(arguments: DifyCRDs.all)
    func everyRuleHasAUniqueMessageAndAValidFieldPath(crd: JSONValue) throws {
        let schema = try DifySchemas.structural(crd)
        let rules = try Self.rules(crd)
        #expect(Set(rules.map(\.rule.message)).count == rules.count)
        for (path, rule) in rules {
            #expect(!(rule.message ?? "").isEmpty)
            #expect(!rule.rule.contains("\n"))
            if let fieldPath = rule.fieldPath {
                let steps = fieldPath.split(separator: ".").map(String.init)
                #expect(schema.schema(at: path + steps) != nil, "\(fieldPath) is not a field below \(path)")
            }
        }
    }

    /// Transition rules (those reading `oldSelf`) only run when the old object had the node; the
    /// immutability rules therefore sit on `spec`, which every object has.
    @Test func transitionRulesSitOnSpec() throws {
        for crd in DifyCRDs.all {
            for (path, rule) in try Self.rules(crd) where rule.rule.contains("oldSelf") {
                #expect(path == ["spec"])
            }
        }
    }

    @Test func literalsAreEscaped() {
        #expect(CELRule.literal("it's") == #"'it\'s'"#)
        #expect(CELRule.literal(#"a\b"#) == #"'a\\b'"#)
        #expect(CELRule.literal(["hf://", "s3://"]) == "['hf://', 's3://']")
    }
}
