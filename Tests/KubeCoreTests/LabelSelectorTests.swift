import Foundation
import Testing
@testable import KubeCore

@Suite("LabelSelector")
struct LabelSelectorTests {
    // MARK: String syntax

    /// Selector string → `Selector.String()` after parsing (sorted by key, values sorted).
    static let parsing: [(String, String)] = [
        ("", ""), ("   ", ""),
        ("x=a", "x=a"), ("x==a", "x==a"), ("x!=a", "x!=a"),
        ("x=a,y=b,z=c", "x=a,y=b,z=c"), ("z=c,x=a,y=b", "x=a,y=b,z=c"), ("x!=a,y=b", "x!=a,y=b"),
        ("x in (a,b)", "x in (a,b)"), ("x in (b,a)", "x in (a,b)"), ("x in (a,a,b)", "x in (a,b)"),
        ("x in (a)", "x in (a)"), ("x notin (a)", "x notin (a)"), ("x notin (c,b,a)", "x notin (a,b,c)"),
        ("x", "x"), ("!x", "!x"), (" ! x ", "!x"), ("x>3", "x>3"), ("x<3", "x<3"), ("x>0", "x>0"), ("in", "in"), ("notin", "notin"), ("in,!notin", "in,!notin"),
        ("x>1,z<5", "x>1,z<5"), ("x>1,z<5,a in (a)", "a in (a),x>1,z<5"),
        ("  x  =  a  ,  y  in  ( b , c )  ", "x=a,y in (b,c)"), ("\tx\n=\ra", "x=a"),
        ("x=", "x="), ("x= ", "x="), ("x=,z= ", "x=,z="), ("x= ,z= ", "x=,z="), ("x==", "x=="), ("x!=", "x!="),
        ("x in ()", "x in ()"), ("x notin ()", "x notin ()"), ("x in (a,)", "x in (,a)"), ("x in (,a)", "x in (,a)"),
        ("x in (a,,b)", "x in (,a,b)"), ("x in (,)", "x in ()"),
        ("a=b,c in (x,y),!d,e", "a=b,c in (x,y),!d,e"), ("e,!d,c in (y,x),a=b", "a=b,c in (x,y),!d,e"),
        ("in=notin", "in=notin"), ("x in (in,notin)", "x in (in,notin)"), ("notin notin (in)", "notin notin (in)"),
        ("example.com/app=web", "example.com/app=web"), ("app.kubernetes.io/name in (dify)", "app.kubernetes.io/name in (dify)"),
        ("a=1,a=2", "a=1,a=2"), ("b,a", "a,b"), ("!b,!a", "!a,!b"),
        ("x=a_b-c.d", "x=a_b-c.d"), ("X=Y", "X=Y"), ("1=2", "1=2"),
        ("x in(a)", "x in (a)"), ("x in (a),y", "x in (a),y"), ("x,y,z", "x,y,z"),
        (String(repeating: "k", count: 63) + "=" + String(repeating: "v", count: 63),
         String(repeating: "k", count: 63) + "=" + String(repeating: "v", count: 63)),
    ]

    @Test("parses and renders", arguments: parsing)
    func parse(input: String, rendered: String) throws {
        let set = try LabelSelector.parse(input)
        #expect(set.description == rendered)
        #expect(set.selectorString == rendered)
        // the rendering parses back to the same requirements
        #expect(try LabelSelector.parse(rendered) == set)
    }

    @Test func parsedStructure() throws {
        let set = try LabelSelector.parse("x in (b,a), !y, z>7, w, v!=1, u notin (q), t==s, r=p, o<2")
        #expect(set.requirements.map(\.key) == ["o", "r", "t", "u", "v", "w", "x", "y", "z"])
        #expect(set.requirements.map(\.op) == [.lessThan, .equals, .doubleEquals, .notIn, .notEquals, .exists, .in, .doesNotExist, .greaterThan])
        #expect(set.requirements.map(\.values) == [["2"], ["p"], ["s"], ["q"], ["1"], [], ["a", "b"], [], ["7"]])
        #expect(try LabelSelector.parse("") == .everything)
        #expect(try LabelSelector.parse("").isEmpty)
        #expect(try LabelRequirementSet(parsing: "x=a") == LabelRequirementSet([try LabelRequirement(key: "x", op: .equals, values: ["a"])]))
    }

    static let malformed: [String] = [
        "a in x", "a=(", "=b", "a in (", "a in (b", "a in (b c)", "a in (b,", "a in b,c", "a,", ",a", ",", "a b",
        "a=b=c", "x==a==b", "!x=a", "!x in (a)", "x<a", "x>", "x>1.5", "x>1e3", "x<", "x=a||y=b", "!", "!!x", "a!b",
        "(", ")", "a notin", "a in", "a=b,", "a=b,,c=d", "a<=3", "a>=3", "a=!b", "a==b c", "a in (b))",
        "a in ((b))", "-a=b", "a-=b", "a=-b", "a=b-", "a/b/c=d", "/a=b", "a/=b", "Example.com/a=b",
        "ex_ample.com/a=b", "-example.com/a=b", "a=b c", "a=(b)", "a in (b c,d)", "a in (-b)", "a,,b", "a=b;c=d",
        "a b=c", "a=b, ,c=d", "!=a", "x>-1", "x<-1", "in in", "x in in", "a notin (b", "a ! b", "a=é", "é=a",
        String(repeating: "k", count: 64) + "=v", "k=" + String(repeating: "v", count: 64),
        String(repeating: "p", count: 254) + "/k=v", "x in (" + String(repeating: "v", count: 64) + ")",
    ]

    @Test("rejects malformed selectors", arguments: malformed)
    func rejects(input: String) {
        #expect(throws: LabelSelectorError.self) { try LabelSelector.parse(input) }
    }

    @Test func errorMessages() {
        #expect(throws: LabelSelectorError("unable to parse requirement: found 'x' expected: '('")) { try LabelSelector.parse("a in x") }
        #expect(throws: LabelSelectorError("found '=', expected: !, identifier, or 'end of string'")) { try LabelSelector.parse("=b") }
        #expect(throws: LabelSelectorError("found '', expected: identifier after ','")) { try LabelSelector.parse("a,") }
        #expect(throws: LabelSelectorError("found '=', expected: ',' or 'end of string'")) { try LabelSelector.parse("!x=a") }
        #expect(throws: LabelSelectorError("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")) {
            try LabelSelector.parse("a b")
        }
        #expect(throws: LabelSelectorError("unable to parse requirement: found '(', expected: identifier")) { try LabelSelector.parse("a=(") }
    }

    // MARK: Matching

    /// (selector, labels, selected?)
    static let matching: [(String, [String: String], Bool)] = [
        ("", [:], true), ("", ["a": "b"], true),
        ("x=a", ["x": "a"], true), ("x=a", ["x": "b"], false), ("x=a", [:], false), ("x=a", ["y": "a"], false),
        ("x==a", ["x": "a"], true), ("x==a", ["x": "b"], false), ("x==a", [:], false),
        ("x!=a", ["x": "a"], false), ("x!=a", ["x": "b"], true), ("x!=a", [:], true), ("x!=a", ["x": ""], true),
        ("x in (a,b)", ["x": "a"], true), ("x in (a,b)", ["x": "b"], true), ("x in (a,b)", ["x": "c"], false),
        ("x in (a,b)", [:], false),
        ("x notin (a,b)", ["x": "a"], false), ("x notin (a,b)", ["x": "c"], true), ("x notin (a,b)", [:], true),
        ("x", ["x": "a"], true), ("x", ["x": ""], true), ("x", [:], false), ("x", ["y": "x"], false),
        ("!x", ["x": "a"], false), ("!x", ["x": ""], false), ("!x", [:], true), ("!x", ["y": "1"], true),
        ("x>3", ["x": "4"], true), ("x>3", ["x": "3"], false), ("x>3", ["x": "2"], false), ("x>3", ["x": "abc"], false),
        ("x>3", [:], false), ("x>3", ["x": "-1"], false), ("x>3", ["x": "+5"], true), ("x>3", ["x": "3.5"], false),
        ("x>3", ["x": "99999999999999999999"], false), ("x>0", ["x": "-0"], false), ("x>0", ["x": "1"], true),
        ("x<3", ["x": "2"], true), ("x<3", ["x": "3"], false), ("x<3", ["x": "-10"], true), ("x<3", [:], false),
        ("x<3", ["x": ""], false),
        ("x=", ["x": ""], true), ("x=", [:], false), ("x=", ["x": "a"], false),
        ("x in ()", ["x": ""], true), ("x in ()", ["x": "a"], false), ("x notin ()", ["x": "a"], true),
        ("x notin ()", ["x": ""], false),
        ("a=b,c in (x,y),!d,e", ["a": "b", "c": "x", "e": "1"], true),
        ("a=b,c in (x,y),!d,e", ["a": "b", "c": "y", "e": ""], true),
        ("a=b,c in (x,y),!d,e", ["a": "b", "c": "x", "e": "1", "d": "1"], false),
        ("a=b,c in (x,y),!d,e", ["a": "b", "c": "z", "e": "1"], false),
        ("a=b,c in (x,y),!d,e", ["a": "b", "c": "x"], false),
        ("a=b,c in (x,y),!d,e", ["a": "c", "c": "x", "e": "1"], false),
        ("a=1,a=2", ["a": "1"], false), ("a=1,a!=2", ["a": "1"], true),
        ("example.com/app=web", ["example.com/app": "web"], true), ("example.com/app=web", ["app": "web"], false),
        ("in=notin", ["in": "notin"], true),
    ]

    @Test("matches labels", arguments: matching)
    func matches(selector: String, labels: [String: String], expected: Bool) throws {
        let set = try LabelSelector.parse(selector)
        #expect(set.matches(labels) == expected)
        #expect(set.requirements.allSatisfy { $0.matches(labels) } == expected)
    }

    // MARK: Structured LabelSelector

    static let structured: [(LabelSelector, String)] = [
        (LabelSelector(), ""),
        (LabelSelector(matchLabels: [:], matchExpressions: []), ""),
        (LabelSelector(matchLabels: ["app": "web"]), "app=web"),
        (LabelSelector(matchLabels: ["tier": "fe", "app": "web"]), "app=web,tier=fe"),
        (LabelSelector(matchExpressions: [.in("env", ["prod", "dev"])]), "env in (dev,prod)"),
        (LabelSelector(matchExpressions: [.notIn("env", ["prod"])]), "env notin (prod)"),
        (LabelSelector(matchExpressions: [.exists("gpu")]), "gpu"),
        (LabelSelector(matchExpressions: [.doesNotExist("gpu")]), "!gpu"),
        (LabelSelector(matchExpressions: [.init(key: "gpu", operator: "Exists", values: [])]), "gpu"),
        (LabelSelector(matchLabels: ["a": "b"], matchExpressions: [.in("c", ["y", "x"]), .doesNotExist("d"), .exists("e")]),
         "a=b,c in (x,y),!d,e"),
        (LabelSelector(matchLabels: ["z": "1"], matchExpressions: [.exists("a"), .in("m", ["1"])]), "a,m in (1),z=1"),
        (LabelSelector(matchLabels: ["a": "1"], matchExpressions: [.notIn("a", ["2"])]), "a=1,a notin (2)"),
        (LabelSelector(matchLabels: ["app.kubernetes.io/name": "dify", "app.kubernetes.io/component": "api"]),
         "app.kubernetes.io/component=api,app.kubernetes.io/name=dify"),
        (LabelSelector(matchLabels: ["a": ""]), "a="),
    ]

    @Test("renders like LabelSelectorAsSelector(...).String()", arguments: structured)
    func selectorString(selector: LabelSelector, expected: String) throws {
        #expect(selector.selectorString == expected)
        #expect(try selector.requirementSet().description == expected)
        #expect(try LabelSelector.parse(expected) == selector.requirementSet())
    }

    static let structuredMatching: [(LabelSelector, [String: String], Bool)] = [
        (LabelSelector(), [:], true), (LabelSelector(), ["a": "b"], true),
        (LabelSelector(matchLabels: [:]), ["a": "b"], true),
        (LabelSelector(matchLabels: ["app": "web"]), ["app": "web", "x": "y"], true),
        (LabelSelector(matchLabels: ["app": "web"]), ["app": "db"], false),
        (LabelSelector(matchLabels: ["app": "web"]), [:], false),
        (LabelSelector(matchLabels: ["app": "web", "tier": "fe"]), ["app": "web"], false),
        (LabelSelector(matchLabels: ["app": "web", "tier": "fe"]), ["app": "web", "tier": "fe"], true),
        (LabelSelector(matchExpressions: [.in("env", ["prod", "dev"])]), ["env": "dev"], true),
        (LabelSelector(matchExpressions: [.in("env", ["prod", "dev"])]), ["env": "qa"], false),
        (LabelSelector(matchExpressions: [.in("env", ["prod", "dev"])]), [:], false),
        (LabelSelector(matchExpressions: [.notIn("env", ["prod"])]), ["env": "dev"], true),
        (LabelSelector(matchExpressions: [.notIn("env", ["prod"])]), ["env": "prod"], false),
        (LabelSelector(matchExpressions: [.notIn("env", ["prod"])]), [:], true),
        (LabelSelector(matchExpressions: [.exists("gpu")]), ["gpu": ""], true),
        (LabelSelector(matchExpressions: [.exists("gpu")]), [:], false),
        (LabelSelector(matchExpressions: [.doesNotExist("gpu")]), [:], true),
        (LabelSelector(matchExpressions: [.doesNotExist("gpu")]), ["gpu": "a100"], false),
        (LabelSelector(matchLabels: ["a": "b"], matchExpressions: [.in("c", ["x"]), .doesNotExist("d")]), ["a": "b", "c": "x"], true),
        (LabelSelector(matchLabels: ["a": "b"], matchExpressions: [.in("c", ["x"]), .doesNotExist("d")]), ["a": "b", "c": "x", "d": ""], false),
        // invalid selectors select nothing (LabelSelectorAsSelector returns an error)
        (LabelSelector(matchExpressions: [.init(key: "env", operator: "in", values: ["dev"])]), ["env": "dev"], false),
        (LabelSelector(matchExpressions: [.init(key: "env", operator: "Equals", values: ["dev"])]), ["env": "dev"], false),
        (LabelSelector(matchExpressions: [.in("env", [])]), ["env": "dev"], false),
        (LabelSelector(matchExpressions: [.init(key: "env", operator: "NotIn")]), [:], false),
        (LabelSelector(matchExpressions: [.init(key: "gpu", operator: "Exists", values: ["x"])]), ["gpu": "x"], false),
        (LabelSelector(matchExpressions: [.init(key: "gpu", operator: "DoesNotExist", values: ["x"])]), [:], false),
        (LabelSelector(matchLabels: ["bad key": "x"]), ["bad key": "x"], false),
        (LabelSelector(matchLabels: ["k": "bad value"]), ["k": "bad value"], false),
    ]

    @Test("matches like LabelSelectorAsSelector(...).Matches", arguments: structuredMatching)
    func structuredMatches(selector: LabelSelector, labels: [String: String], expected: Bool) throws {
        #expect(selector.matches(labels) == expected)
        if let set = try? selector.requirementSet() {
            // one matching implementation: the string form selects the same objects
            #expect(try LabelSelector.parse(selector.selectorString).matches(labels) == set.matches(labels))
        }
    }

    static let invalidStructured: [LabelSelector] = [
        LabelSelector(matchExpressions: [.init(key: "env", operator: "in", values: ["dev"])]),
        LabelSelector(matchExpressions: [.init(key: "env", operator: "Gt", values: ["1"])]),
        LabelSelector(matchExpressions: [.in("env", [])]),
        LabelSelector(matchExpressions: [.notIn("env", [])]),
        LabelSelector(matchExpressions: [.init(key: "env", operator: "In")]),
        LabelSelector(matchExpressions: [.init(key: "gpu", operator: "Exists", values: ["x"])]),
        LabelSelector(matchExpressions: [.exists("-gpu")]),
        LabelSelector(matchExpressions: [.in("env", ["bad value"])]),
        LabelSelector(matchLabels: ["": "x"]),
        LabelSelector(matchLabels: ["a/b/c": "x"]),
        LabelSelector(matchLabels: ["k": String(repeating: "v", count: 64)]),
    ]

    @Test("requirementSet() validates", arguments: invalidStructured)
    func invalid(selector: LabelSelector) {
        #expect(throws: LabelSelectorError.self) { try selector.requirementSet() }
        #expect(selector.matches([:]) == false)
    }

    @Test func invalidSelectorStringIsNotWidened() {
        let unknown = LabelSelector(matchLabels: ["a": "1"], matchExpressions: [.init(key: "env", operator: "Foo", values: ["y", "x"])])
        #expect(unknown.selectorString == "a=1,env Foo (x,y)")
        #expect(throws: LabelSelectorError.self) { try LabelSelector.parse(unknown.selectorString) }
        let empty = LabelSelector(matchExpressions: [.in("env", [])])
        #expect(empty.selectorString == "env in ()")
    }

    /// `metav1.ParseToLabelSelector`.
    static let toStructured: [(String, LabelSelector)] = [
        ("", LabelSelector()),
        ("a=b", LabelSelector(matchLabels: ["a": "b"])),
        ("a==b,c=d", LabelSelector(matchLabels: ["a": "b", "c": "d"])),
        ("a=b,c in (x,y),!d,e", LabelSelector(matchLabels: ["a": "b"], matchExpressions: [.in("c", ["x", "y"]), .doesNotExist("d"), .exists("e")])),
        ("z notin (2,1),y", LabelSelector(matchExpressions: [.exists("y"), .notIn("z", ["1", "2"])])),
    ]

    @Test("builds a LabelSelector from the string form", arguments: toStructured)
    func fromString(text: String, expected: LabelSelector) throws {
        #expect(try LabelSelector(selectorString: text) == expected)
        #expect(try LabelSelector(selectorString: text).selectorString == (try LabelSelector.parse(text)).description.replacingOccurrences(of: "==", with: "="))
    }

    @Test("operators without a structured form throw", arguments: ["a!=b", "a>1", "a<1", "a in x"])
    func fromStringRejects(text: String) {
        #expect(throws: LabelSelectorError.self) { try LabelSelector(selectorString: text) }
    }

    // MARK: LabelRequirement

    static let requirementCases: [(String, LabelRequirement.Operator, [String], Bool)] = [
        ("a", .equals, ["b"], true), ("a", .equals, [], false), ("a", .equals, ["b", "c"], false),
        ("a", .doubleEquals, ["b"], true), ("a", .notEquals, [""], true), ("a", .notEquals, [], false),
        ("a", .in, ["b", "c"], true), ("a", .in, [], false), ("a", .notIn, ["b"], true), ("a", .notIn, [], false),
        ("a", .exists, [], true), ("a", .exists, ["b"], false), ("a", .doesNotExist, [], true), ("a", .doesNotExist, ["b"], false),
        ("a", .greaterThan, ["3"], true), ("a", .greaterThan, ["x"], false), ("a", .greaterThan, ["1", "2"], false),
        ("a", .lessThan, ["-3"], false), ("a", .lessThan, [], false), ("a", .greaterThan, ["1", "1"], false),
        ("", .exists, [], false), ("a/b", .exists, [], true), ("a.b.c/d-e_f.g", .exists, [], true), ("A/b", .exists, [], false),
        ("a/", .exists, [], false), ("/a", .exists, [], false), ("a..b/c", .exists, [], false), ("a-/c", .exists, [], false),
        ("-a", .exists, [], false), ("a-", .exists, [], false), ("_a", .exists, [], false), ("a.", .exists, [], false),
        ("Aa9", .exists, [], true), ("9", .exists, [], true), ("a b", .exists, [], false),
        (String(repeating: "a", count: 63), .exists, [], true), (String(repeating: "a", count: 64), .exists, [], false),
        (String(repeating: "p", count: 253) + "/k", .exists, [], true), (String(repeating: "p", count: 254) + "/k", .exists, [], false),
        ("a", .in, ["", "b"], true), ("a", .in, ["b_"], false), ("a", .in, ["b.c-d_e"], true), ("a", .in, [String(repeating: "v", count: 63)], true),
    ]

    @Test("validates like labels.NewRequirement", arguments: requirementCases)
    func requirementValidation(key: String, op: LabelRequirement.Operator, values: [String], valid: Bool) {
        if valid {
            #expect(throws: Never.self) { try LabelRequirement(key: key, op: op, values: values) }
        } else {
            #expect(throws: LabelSelectorError.self) { try LabelRequirement(key: key, op: op, values: values) }
        }
    }

    @Test func requirementSetAdding() throws {
        let base = try LabelSelector.parse("b=1")
        let more = base.adding(try LabelRequirement(key: "a", op: .exists), try LabelRequirement(key: "c", op: .notIn, values: ["z", "y", "z"]))
        #expect(more.description == "a,b=1,c notin (y,z)")
        #expect(more.requirements.last?.values == ["y", "z"])
        #expect(more.matches(["a": "", "b": "1"]))
        #expect(!more.matches(["a": "", "b": "1", "c": "z"]))
        #expect(LabelRequirementSet.everything.matches(["any": "thing"]))
    }

    // MARK: JSON

    @Test func jsonRoundTrip() throws {
        let text = #"{"matchExpressions":[{"key":"tier","operator":"In","values":["a","b"]},{"key":"gpu","operator":"Exists"}],"matchLabels":{"app":"web"}}"#
        let s = try JSONDecoder().decode(LabelSelector.self, from: Data(text.utf8))
        #expect(s == LabelSelector(matchLabels: ["app": "web"], matchExpressions: [.in("tier", ["a", "b"]), .exists("gpu")]))
        #expect(String(decoding: try JSONCoding.encode(s), as: UTF8.self) == text)
        #expect(s.selectorString == "app=web,gpu,tier in (a,b)")
        #expect(String(decoding: try JSONCoding.encode(LabelSelector()), as: UTF8.self) == "{}")
        let empty = try JSONDecoder().decode(LabelSelector.self, from: Data("{}".utf8))
        #expect(empty == LabelSelector())
        #expect(empty.matches(["x": "y"]))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(LabelSelectorRequirement.self, from: Data(#"{"key":"a"}"#.utf8))
        }
    }
}
