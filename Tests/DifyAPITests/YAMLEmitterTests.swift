@testable import DifyAPI
import KubeCore
import Testing

/// The YAML emitter writes what an independent reader (Yams) reads back as the same value.
@Suite struct YAMLEmitterTests {
    static let trickyStrings = [
        "", " ", "yes", "No", "on", "OFF", "y", "n", "null", "Null", "~", "true", "False", "8B", "1.5B", "0.9", "1e3",
        ".inf", ".nan", "+1", "-1", "0x1F", "1:30", "- item", "? key", "a: b", "a:b", "a #b", "a#b", "#comment", "key:",
        "&anchor", "*alias", "!tag", "|", ">", "'quoted'", "\"quoted\"", "%directive", "@at", "`tick`", "[a]", "{a: 1}",
        "a, b", "<<", "=", "trailing ", " leading", "line\nbreak", "tab\there", "back\\slash", "it's", "ü", "\u{7}",
        #"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))$"#, "2024-05-01T12:00:00Z", "2024-05-01",
    ]

    @Test(arguments: trickyStrings)
    func stringReadsBack(_ text: String) throws {
        let value: JSONValue = ["key": .string(text), "list": [.string(text)], (text.isEmpty ? "empty" : text): 1]
        let read = try YAMLDocuments.load(YAMLEmitter.document(value))
        #expect(read == [value], "\(YAMLEmitter.document(value))")
    }

    @Test func blockLayout() {
        let value: JSONValue = [
            "b": ["x": 1, "y": [1, 2]],
            "a": [["name": "nm", "items": ["p", "q"]], [[1, 2], []], [:]],
            "c": 0.9, "d": true, "e": .null, "f": [:], "g": [],
        ]
        #expect(YAMLEmitter.document(value) == """
            ---
            a:
            - items:
              - p
              - q
              name: nm
            - - - 1
                - 2
              - []
            - {}
            b:
              x: 1
              "y":
              - 1
              - 2
            c: 0.9
            d: true
            e: null
            f: {}
            g: []

            """)
    }

    @Test func numbersReadBack() throws {
        let value: JSONValue = ["a": 0.9, "b": 1.0, "c": 1e-7, "d": -2.5e20, "e": 9_007_199_254_740_993, "f": -3]
        #expect(try YAMLDocuments.load(YAMLEmitter.document(value)) == [value])
    }
}
