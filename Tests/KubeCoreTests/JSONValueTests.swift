import Foundation
import Testing
@testable import KubeCore

@Suite struct JSONValueTests {
    @Test(arguments: [
        (#"{"b":1,"a":[true,null,"x"],"c":{"z":1.5,"y":-2}}"#, #"{"a":[true,null,"x"],"b":1,"c":{"y":-2,"z":1.5}}"#),
        (#"  [ 1 , 2 ]  "#, "[1,2]"),
        (#""a\"b\\c\n\t\u00e9\ud83d\ude00""#, "\"a\\\"b\\\\c\\n\\té😀\""),
        ("9007199254740993", "9007199254740993"),
        ("-0.5", "-0.5"),
        ("1e3", "1000"),
        ("1.5e300", "1.5e+300"),
        ("{}", "{}"),
        (#""\u0001""#, #""\u0001""#),
    ])
    func parseAndSerializeDeterministically(input: String, expected: String) throws {
        let v = try JSONValue.parse(input)
        #expect(v.description == expected)
        // Serialising again gives the same bytes: encoding is deterministic.
        #expect(try JSONValue.parse(v.description).description == expected)
    }

    @Test func integersBeyondDoublePrecisionStayExact() throws {
        let v = try JSONValue.parse(#"{"generation":9223372036854775807}"#)
        #expect(v["generation"] == .int(Int64.max))
        #expect(v["generation"].intValue == Int64.max)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\":}", "tru", "01", "1.", "-", "\"abc", "{\"a\" 1}", "[1] x", "\"\u{01}\"", "{'a':1}"])
    func rejectsMalformedText(_ input: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(input) }
    }

    @Test func rejectsExcessiveNesting() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONValue.parse(ok)) != nil)
    }

    @Test func numbersCompareByValue() {
        #expect(JSONValue.int(1) == JSONValue.double(1.0))
        #expect(JSONValue.int(1) != JSONValue.string("1"))
    }

    @Test func subscriptsReadAndWritePaths() {
        var v: JSONValue = ["metadata": ["name": "chat"]]
        #expect(v.name == "chat")
        v[path: ["spec", "template", "replicas"]] = 3
        #expect(v["spec"]["template"]["replicas"].intValue == 3)
        #expect(v["missing"]["deeper"].isNull)
        #expect(v.removeValue(forKey: "spec") != nil)
        #expect(!v.hasKey("spec"))
    }

    @Test func codableRoundTripThroughTypedModels() throws {
        let meta = ObjectMeta(name: "a", namespace: "ns", labels: ["x": "y"])
        let v = try JSONValue(encoding: meta)
        #expect(v == ["name": "a", "namespace": "ns", "labels": ["x": "y"]])
        #expect(try v.decode(as: ObjectMeta.self) == meta)
        // JSONDecoder-based decoding of JSONValue agrees with the native parser.
        let text = #"{"a":[1,2.5,"s",false,null],"b":{"c":{}}}"#
        let viaDecoder = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(viaDecoder == (try JSONValue.parse(text)))
    }
}

@Suite struct TimeTests {
    @Test(arguments: [
        ("2024-05-01T12:00:00Z", 1_714_564_800.0),
        ("2024-05-01T12:00:00.75Z", 1_714_564_800.75),
        ("2024-05-01T14:00:00+02:00", 1_714_564_800.0),
        ("1970-01-01T00:00:00Z", 0.0),
        ("2000-02-29T23:59:59z", 951_868_799.0),
    ])
    func parsesRFC3339(text: String, epoch: Double) throws {
        let d = try #require(RFC3339.parse(text))
        #expect(abs(d.timeIntervalSince1970 - epoch) < 1e-6)
    }

    @Test(arguments: ["2024-05-01", "2024-13-01T00:00:00Z", "2024-05-01T12:00:00", "2024-05-01 12:00:00Z", "2024-05-01T12:00:00.Z"])
    func rejectsInvalidTimes(_ text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func formatsLikeTheAPIServer() throws {
        let d = Date(timeIntervalSince1970: 1_714_564_800.123456)
        #expect(Time(d).description == "2024-05-01T12:00:00Z")
        #expect(MicroTime(d).description == "2024-05-01T12:00:00.123456Z")
        let encoded = String(decoding: try JSONCoding.encode(["t": Time(d)]), as: UTF8.self)
        #expect(encoded == #"{"t":"2024-05-01T12:00:00Z"}"#)
    }

    @Test func microTimeRoundTripsEveryMicrosecond() throws {
        for micros in stride(from: 0, to: 1_000_000, by: 7) {
            let text = "2024-05-01T12:00:10." + String(format: "%06d", micros) + "Z"
            let t = try #require(MicroTime(rfc3339: text))
            if t.description != text {
                Issue.record("\(text) formatted as \(t.description)")
                return
            }
        }
    }

    @Test func conditionTransitionTimeChangesOnlyWhenStatusFlips() {
        let t0 = Date(timeIntervalSince1970: 1000), t1 = Date(timeIntervalSince1970: 2000)
        var conditions: [Condition] = []
        Condition.set(Condition(type: "Ready", status: .false, reason: "Waiting", lastTransitionTime: Time(t0)), in: &conditions, now: t0)
        Condition.set(Condition(type: "Ready", status: .false, reason: "StillWaiting", lastTransitionTime: Time(t1)), in: &conditions, now: t1)
        #expect(conditions.count == 1)
        #expect(conditions[0].reason == "StillWaiting")
        #expect(conditions[0].lastTransitionTime == Time(t0))
        Condition.set(Condition(type: "Ready", status: .true, reason: "Ready", lastTransitionTime: Time(t0)), in: &conditions, now: t1)
        #expect(conditions[0].lastTransitionTime == Time(t1))
    }
}
