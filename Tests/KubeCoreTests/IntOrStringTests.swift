import Foundation
import Testing
@testable import KubeCore

@Suite("IntOrString")
struct IntOrStringTests {
    /// JSON input → decoded value.
    static let decoding: [(String, IntOrString)] = [
        ("8080", .int(8080)), ("0", .int(0)), ("-1", .int(-1)), ("2147483647", .int(.max)),
        ("-2147483648", .int(.min)), (#""http""#, .string("http")), (#""8080""#, .string("8080")),
        (#""25%""#, .string("25%")), (#""""#, .string("")), (#"" 1 ""#, .string(" 1 ")),
    ]

    @Test("decodes a JSON number or string", arguments: decoding)
    func decode(json: String, expected: IntOrString) throws {
        let v = try JSONDecoder().decode(IntOrString.self, from: Data(json.utf8))
        #expect(v == expected)
        // and encodes back to the same JSON
        #expect(String(decoding: try JSONEncoder().encode(v), as: UTF8.self) == json)
    }

    @Test("rejects non-int32 numbers and other JSON", arguments: ["2147483648", "-2147483649", "2.5", "true", "null", "[]", "{}", "1e20"])
    func rejects(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(IntOrString.self, from: Data(json.utf8)) }
    }

    struct Strategy: Codable, Equatable {
        var maxSurge: IntOrString?
        var maxUnavailable: IntOrString?
    }

    @Test func jsonInStructs() throws {
        let s = Strategy(maxSurge: "25%", maxUnavailable: 1)
        let json = String(decoding: try JSONCoding.encode(s), as: UTF8.self)
        #expect(json == #"{"maxSurge":"25%","maxUnavailable":1}"#)
        #expect(try JSONDecoder().decode(Strategy.self, from: Data(json.utf8)) == s)
        #expect(String(decoding: try JSONCoding.encode(Strategy()), as: UTF8.self) == "{}")
    }

    @Test func accessors() {
        let i: IntOrString = 8080
        let s: IntOrString = "http"
        #expect(i == .int(8080))
        #expect(s == .string("http"))
        #expect(i.intValue == 8080)
        #expect(i.stringValue == nil)
        #expect(s.intValue == nil)
        #expect(s.stringValue == "http")
        #expect(i.description == "8080")
        #expect(s.description == "http")
        #expect(IntOrString.string("80") != IntOrString.int(80))
        #expect(Set<IntOrString>([.int(1), .int(1), .string("1")]).count == 2)
    }

    /// (value, total, roundUp, expected) — `intstr.GetScaledValueFromIntOrPercent`.
    static let scaled: [(IntOrString, Int, Bool, Int)] = [
        (.string("25%"), 10, true, 3), (.string("25%"), 10, false, 2),
        (.int(123), 100, false, 123), (.int(5), 10, true, 5), (.int(-3), 10, true, -3),
        (.string("90%"), 100, true, 90), (.string("90%"), 100, false, 90),
        (.string("90%"), 95, true, 86), (.string("90%"), 95, false, 85),
        (.string("100%"), 7, true, 7), (.string("100%"), 7, false, 7),
        (.string("0%"), 10, true, 0), (.string("0%"), 10, false, 0),
        (.string("50%"), 5, true, 3), (.string("50%"), 5, false, 2),
        (.string("33%"), 3, true, 1), (.string("33%"), 3, false, 0),
        (.string("10%"), 30, true, 3), (.string("10%"), 30, false, 3),
        (.string("1%"), 1, true, 1), (.string("1%"), 1, false, 0),
        (.string("150%"), 10, true, 15), (.string("150%"), 3, false, 4), (.string("150%"), 3, true, 5),
        (.string("25%"), 0, true, 0), (.string("25%"), 0, false, 0),
        (.string("-10%"), 15, true, -1), (.string("-10%"), 15, false, -2),
        (.string("+20%"), 10, false, 2), (.string("020%"), 10, false, 2),
        (.string("25%"), 3, true, 1), (.string("25%"), 3, false, 0),
        (.string("75%"), 4, true, 3), (.string("75%"), 4, false, 3),
        (.string("100%"), 9_223_372_036_854_775_807, true, 9_223_372_036_854_775_807),
    ]

    @Test("scales percentages", arguments: scaled)
    func scaledValue(value: IntOrString, total: Int, roundUp: Bool, expected: Int) throws {
        #expect(try value.scaledValue(total: total, roundUp: roundUp) == expected)
    }

    static let notPercentages: [(String, IntOrStringError)] = [
        ("90", .notAPercentage("90")), ("", .notAPercentage("")), ("http", .notAPercentage("http")),
        ("90#", .notAPercentage("90#")), ("25% ", .notAPercentage("25% ")),
        ("%", .invalidPercentage("%")), ("#%", .invalidPercentage("#%")), ("abc%", .invalidPercentage("abc%")),
        ("5 %", .invalidPercentage("5 %")), (" 5%", .invalidPercentage(" 5%")), ("25%%", .invalidPercentage("25%%")),
        ("1.5%", .invalidPercentage("1.5%")), ("0x10%", .invalidPercentage("0x10%")),
    ]

    @Test("rejects strings that are not N%", arguments: notPercentages)
    func scaledValueErrors(text: String, error: IntOrStringError) {
        #expect(throws: error) { try IntOrString.string(text).scaledValue(total: 10, roundUp: true) }
    }
}
