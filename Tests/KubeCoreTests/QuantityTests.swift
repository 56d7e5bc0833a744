import Foundation
import Testing
@testable import KubeCore

@Suite("Quantity")
struct QuantityTests {
    // MARK: Parsing and canonical formatting

    /// Input → canonical string (`Quantity.String()` in apimachinery).
    static let canonical: [(String, String)] = [
        // zero in every spelling
        ("0", "0"), ("-0", "0"), ("+0", "0"), ("0n", "0"), ("0m", "0"), ("0k", "0"), ("0Ki", "0"),
        ("0Mi", "0"), ("0e0", "0"), ("0e5", "0"), ("0.000", "0"), ("000", "0"), ("0.0Gi", "0"),
        // the brief's examples
        ("500m", "500m"), ("40Gi", "40Gi"), ("1.5", "1500m"), ("2e3", "2e3"), ("1Ki", "1Ki"),
        ("-1", "-1"), ("100M", "100M"), ("1.5Gi", "1536Mi"), ("0.1", "100m"), ("+3", "3"),
        ("12E-1", "1200e-3"),
        // binary SI: largest exact power of 1024
        ("1024Mi", "1Gi"), ("1536Mi", "1536Mi"), ("1024Ki", "1Mi"), ("1048576Ki", "1Gi"),
        ("2Ki", "2Ki"), ("1023Ki", "1023Ki"), ("1Mi", "1Mi"), ("7Mi", "7Mi"), ("6Gi", "6Gi"),
        ("5Ti", "5Ti"), ("4Pi", "4Pi"), ("3Ei", "3Ei"), ("1024Ti", "1Pi"), ("1024Pi", "1Ei"),
        ("10Ti", "10Ti"), ("100Ti", "100Ti"), ("300Mi", "300Mi"), ("1001Gi", "1001Gi"),
        ("0.5Mi", "512Ki"), (".5Gi", "512Mi"), ("0.25Gi", "256Mi"), ("1.5Ki", "1536"),
        // binary SI below 1024 or fractional falls back to decimal SI
        ("0.5Ki", "512"), ("1000Ki", "1000Ki"), ("100.035Ki", "102435840m"), ("0.05Gi", "53687091200m"),
        ("0.025Ti", "27487790694400m"), ("0.000000000001Ki", "2n"), ("-0.5Ki", "-512"),
        ("-1Ki", "-1Ki"), ("-1.5Gi", "-1536Mi"),
        // decimal SI: largest power of 1000 with an integral mantissa
        ("1000m", "1"), ("2000", "2k"), ("1024", "1024"), ("1025", "1025"), ("50k", "50k"),
        ("1000k", "1M"), ("5n", "5n"), ("4u", "4u"), ("3m", "3m"), ("9", "9"), ("8k", "8k"),
        ("7M", "7M"), ("6G", "6G"), ("5T", "5T"), ("40T", "40T"), ("300T", "300T"), ("2P", "2P"),
        ("1E", "1E"), ("1000u", "1m"), ("1000000n", "1m"), ("1500u", "1500u"), ("0.1m", "100u"),
        ("1.5m", "1500u"), ("100.035k", "100035"), ("10.035M", "10035k"), ("7.123456M", "7123456"),
        ("6.987654321G", "6987654321"), ("5.444T", "5444G"), ("40.1T", "40100G"), ("2.5P", "2500T"),
        ("1.01E", "1010P"), ("9.01", "9010m"), ("8.1k", "8100"), ("0.0005k", "500m"),
        ("0.001", "1m"), ("0.005", "5m"), ("0.05", "50m"), ("0.5", "500m"), ("0.00500", "5m"),
        ("-1080m", "-1080m"), ("1.08", "1080m"), ("-1500m", "-1500m"), ("-1024", "-1024"),
        ("100m", "100m"), ("250m", "250m"), ("2", "2"), ("128974848", "128974848"), ("129e6", "129e6"),
        ("129M", "129M"), ("123Mi", "123Mi"),
        // number forms Kubernetes also accepts
        (".001", "1m"), ("1.", "1"), ("1.G", "1G"), ("+1.5", "1500m"), ("-.5", "-500m"),
        // decimal exponent: mantissa with an exponent that is a multiple of 3
        ("1e3", "1e3"), ("1E3", "1e3"), ("1e+3", "1e3"), ("1000e0", "1e3"), ("1E6", "1e6"),
        ("1e9", "1e9"), ("1E12", "1e12"), ("1e15", "1e15"), ("1E18", "1e18"), ("1E-3", "1e-3"),
        ("1e-6", "1e-6"), ("1e-9", "1e-9"), ("1e14", "100e12"), ("1e13", "10e12"), ("1.5e3", "1500"),
        ("15e2", "1500"), ("1.2e3", "1200"), ("1.3E+6", "1300e3"), ("1.40e9", "1400e6"),
        ("1.53E12", "1530e9"), ("1.6e15", "1600e12"), ("1.7E18", "1700e15"), ("0.5e0", "500e-3"),
        ("0.5e-1", "50e-3"), ("0.5e-2", "5e-3"), ("-1e3", "-1e3"), ("-1e-3", "-1e-3"), ("1e0", "1"),
        ("2E1", "20"),
        // rounding up below 1n (away from zero)
        ("3.001n", "4n"), ("1.1E-9", "2e-9"), ("0.0000000001", "1n"), ("0.0000000005", "1n"),
        ("0.00000000050", "1n"), ("0.5e-9", "1e-9"), ("0.9n", "1n"), ("0.00000012345", "124n"),
        ("0.00000012354", "124n"), ("1e-10", "1e-9"), ("1e-100", "1e-9"), ("-0.5n", "-1n"),
        ("-1.1n", "-2n"),
        // capped at 2^63-1
        ("9223372036854775807", "9223372036854775807"), ("9223372036854775808", "9223372036854775807"),
        ("9Ei", "9223372036854775807"), ("8Ei", "9223372036854775807"), ("7Ei", "7Ei"),
        ("9223372036854775807Ki", "9223372036854775807"), ("12E", "9223372036854775807"),
        ("1e100", "9223372036854775807"), ("-1e100", "-9223372036854775807"),
        ("123456789012345678901234567890", "9223372036854775807"), ("9.223372036854775807E", "9223372036854775807"),
        ("8E", "8E"),
        // long inputs keep full precision
        ("1.000000001", "1000000001n"), ("0.000000000000000000000000000001", "1n"),
        ("00000000000000000000000000000000000000001", "1"), ("1.00000000000000000000000000000000", "1"),
    ]

    @Test("parses and canonicalises", arguments: canonical)
    func canonicalString(input: String, expected: String) throws {
        let q = try Quantity(input)
        #expect(q.description == expected)
        #expect("\(q)" == expected)
    }

    @Test("canonical strings round-trip", arguments: canonical.map(\.1))
    func roundTrip(canonical: String) throws {
        let q = try Quantity(canonical)
        #expect(q.description == canonical)
        let again = try Quantity(q.description)
        #expect(again == q)
        #expect(again.description == canonical)
    }

    static let exactValues: [(String, Int128)] = [
        ("0", 0), ("1", 1_000_000_000), ("1m", 1_000_000), ("1n", 1), ("1u", 1_000), ("1k", 1_000_000_000_000),
        ("1Ki", 1_024_000_000_000), ("1.5Gi", 1_610_612_736_000_000_000), ("-500m", -500_000_000),
        ("3.001n", 4), ("-3.001n", -4), ("0.1", 100_000_000), ("12E-1", 1_200_000_000), ("2e3", 2_000_000_000_000),
        ("1E", 1_000_000_000_000_000_000_000_000_000), ("9Ei", Quantity.maxNanoUnits), ("-9Ei", -Quantity.maxNanoUnits),
        ("0.05Gi", 53_687_091_200_000_000), ("0.000000000001Ki", 2),
    ]

    @Test("stores the exact value in nano-units", arguments: exactValues)
    func nanoUnits(input: String, nanos: Int128) throws {
        #expect(try Quantity(input).nanoUnits == nanos)
    }

    static let formats: [(String, Quantity.Format)] = [
        ("0", .decimalSI), ("1", .decimalSI), ("1.5", .decimalSI), ("500m", .decimalSI), ("1k", .decimalSI),
        ("1E", .decimalSI), ("1Ki", .binarySI), ("1.5Gi", .binarySI), ("0Ki", .binarySI), ("0.5Ki", .binarySI),
        ("0.000000000001Ki", .decimalSI), ("2e3", .decimalExponent), ("1E3", .decimalExponent),
        ("12E-1", .decimalExponent), ("0e0", .decimalExponent), ("9Ei", .binarySI),
    ]

    @Test("takes the format from the suffix", arguments: formats)
    func format(input: String, format: Quantity.Format) throws {
        #expect(try Quantity(input).format == format)
    }

    static let malformed: [String] = [
        "", "1.5.5", "Gi", "1GB", "1 Gi", "abc", "1e", "--1", "-", "+", ".", ".Gi", "-.", " 1", "1 ", " ",
        "1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", "1K", "1ki", "1KI",
        "1e1.5", "1e3e3", "1Kie", "1e+", "1E-", "1ee3", "+-1", "-+1", "1_000", "1,5", "0x10", "1b", "1B",
        "1e99999999999999999999", "1Gi ", "\u{0661}", "1\u{0661}", "1Gi\n", "Infinity", "NaN", "1/2", "1e 3",
        "1 e3", "1m ", "m", "e3", "k", "1mm", "1Gii", "1iG",
    ]

    @Test("rejects malformed input", arguments: malformed)
    func rejects(input: String) {
        #expect(throws: QuantityParseError.self) { try Quantity(input) }
    }

    @Test func errorReasons() {
        #expect(throws: QuantityParseError(input: "", reason: .empty)) { try Quantity("") }
        #expect(throws: QuantityParseError(input: "Gi", reason: .malformedNumber)) { try Quantity("Gi") }
        #expect(throws: QuantityParseError(input: "1GB", reason: .unknownSuffix)) { try Quantity("1GB") }
        #expect(throws: QuantityParseError(input: "1e", reason: .unknownSuffix)) { try Quantity("1e") }
    }

    // MARK: Accessors

    static let values: [(String, Int64, Int64)] = [
        ("0", 0, 0), ("1", 1, 1000), ("500m", 1, 500), ("1500m", 2, 1500), ("-1500m", -2, -1500),
        ("-500m", -1, -500), ("1n", 1, 1), ("-1n", -1, -1), ("1500001n", 1, 2), ("1000000001n", 2, 1001), ("999m", 1, 999),
        ("1.5Gi", 1_610_612_736, 1_610_612_736_000), ("1Ki", 1024, 1_024_000), ("2e3", 2000, 2_000_000),
        ("100M", 100_000_000, 100_000_000_000), ("0.1m", 1, 1), ("1E", 1_000_000_000_000_000_000, .max),
        ("9223372036854775807", .max, .max), ("-9223372036854775807", -Int64.max, .min),
        ("9223372036854775", 9_223_372_036_854_775, 9_223_372_036_854_775_000),
    ]

    @Test("value and milliValue round up away from zero", arguments: values)
    func integerAccessors(input: String, value: Int64, milli: Int64) throws {
        let q = try Quantity(input)
        #expect(q.value == value)
        #expect(q.milliValue == milli)
    }

    static let doubles: [(String, Double)] = [
        ("0", 0), ("1", 1), ("500m", 0.5), ("-1.5", -1.5), ("1Ki", 1024), ("1.5Gi", 1_610_612_736),
        ("1n", 1e-9), ("2e3", 2000), ("100M", 1e8),
    ]

    @Test(arguments: doubles)
    func doubleValue(input: String, expected: Double) throws {
        #expect(try Quantity(input).doubleValue == expected)
    }

    @Test(arguments: [("0", 0, true), ("0Gi", 0, true), ("1n", 1, false), ("-1n", -1, false), ("5Gi", 1, false), ("-2", -1, false)])
    func signAndZero(input: String, sign: Int, zero: Bool) throws {
        let q = try Quantity(input)
        #expect(q.sign == sign)
        #expect(q.isZero == zero)
    }

    // MARK: Comparison

    /// (a, b, sign of a − b)
    static let comparisons: [(String, String, Int)] = [
        ("1Gi", "1024Mi", 0), ("1", "1000m", 0), ("1Ki", "1024", 0), ("1k", "1000", 0), ("1e3", "1k", 0),
        ("1.5", "1500m", 0), ("100M", "1e8", 0), ("12E-1", "1.2", 0), ("0", "0Ki", 0), ("0", "-0", 0),
        ("0.000000000001Ki", "2n", 0), ("9Ei", "8Ei", 0), ("1.5Gi", "1536Mi", 0), ("2", "2000000000n", 0),
        ("1Gi", "1G", 1), ("1Mi", "1M", 1), ("1Ki", "1k", 1), ("500m", "1", -1), ("-1", "0", -1),
        ("1n", "0", 1), ("-1n", "0", -1), ("-2", "-1", -1), ("999m", "1", -1), ("1001m", "1", 1),
        ("1E", "1Ei", -1), ("100Mi", "0.1Gi", -1), ("3", "2999999999n", 1), ("-1Gi", "-1G", -1),
    ]

    @Test("compares by numeric value", arguments: comparisons)
    func compare(a: String, b: String, expected: Int) throws {
        let x = try Quantity(a), y = try Quantity(b)
        #expect((x == y) == (expected == 0))
        #expect((x < y) == (expected < 0))
        #expect((x > y) == (expected > 0))
        if expected == 0 { #expect(x.hashValue == y.hashValue) }
    }

    @Test func hashingIgnoresFormat() throws {
        let set: Set<Quantity> = [try Quantity("1Gi"), try Quantity("1024Mi"), try Quantity("1073741824"), try Quantity("1G")]
        #expect(set.count == 2)
        let sorted = try ["1Gi", "500m", "-1", "1G", "2e3", "1Ki"].map(Quantity.init).sorted().map(\.description)
        #expect(sorted == ["-1", "500m", "1Ki", "2e3", "1G", "1Gi"])
    }

    // MARK: Construction

    @Test func initializers() {
        #expect(Quantity(milli: 500).description == "500m")
        #expect(Quantity(milli: 2000).description == "2")
        #expect(Quantity(milli: -250).description == "-250m")
        #expect(Quantity(milli: 1536, format: .binarySI).description == "1536m")
        #expect(Quantity(integer: 2).description == "2")
        #expect(Quantity(integer: 2048, format: .binarySI).description == "2Ki")
        #expect(Quantity(integer: 2048).description == "2048")
        #expect(Quantity(integer: 3000, format: .decimalExponent).description == "3e3")
        #expect(Quantity(integer: 0).description == "0")
        #expect(Quantity.gibibytes(4).description == "4Gi")
        #expect(Quantity.mebibytes(1536).description == "1536Mi")
        #expect(Quantity.mebibytes(2048).description == "2Gi")
        #expect(Quantity.kibibytes(512).description == "512Ki")
        #expect(Quantity.millicores(250).description == "250m")
        #expect(Quantity.zero.description == "0")
        let literal: Quantity = 4
        #expect(literal.description == "4")
        #expect(literal.format == .decimalSI)
        #expect(Quantity(nanoUnits: 1_500_000_000).description == "1500m")
    }

    // MARK: Arithmetic

    /// (a, b, a + b, a − b)
    static let sums: [(String, String, String, String)] = [
        ("1Gi", "512Mi", "1536Mi", "512Mi"), ("500m", "500m", "1", "0"), ("100m", "1", "1100m", "-900m"),
        ("1", "1500m", "2500m", "-500m"), ("0", "1Gi", "1Gi", "-1Gi"), ("1", "1Ki", "1025", "-1023"),
        ("1Ki", "1Ki", "2Ki", "0"), ("2e3", "1e3", "3e3", "1e3"), ("1Gi", "1Gi", "2Gi", "0"),
        ("1G", "1Gi", "2073741824", "-73741824"), ("0", "2e3", "2e3", "-2e3"), ("1n", "1n", "2n", "0"),
        ("9223372036854775807", "9223372036854775807", "18446744073709551614", "0"),
    ]

    @Test("adds and subtracts", arguments: sums)
    func addSubtract(a: String, b: String, sum: String, difference: String) throws {
        let x = try Quantity(a), y = try Quantity(b)
        #expect((x + y).description == sum)
        #expect((x - y).description == difference)
        var z = x
        z += y
        #expect(z == x + y)
        z -= y
        #expect(z == x)
    }

    @Test func arithmeticFormats() throws {
        // The left operand's format wins unless it is zero.
        #expect((try Quantity("1") + Quantity("1023Ki")).format == .decimalSI)
        #expect((try Quantity("1") + Quantity("1023Ki")).description == "1047553")
        #expect((try Quantity("0") + Quantity("1023Ki")).format == .binarySI)
        #expect((try Quantity("1Mi") + Quantity("1000")).format == .binarySI)
        #expect((try Quantity("1Mi") - Quantity("1Mi")).format == .binarySI)
        #expect((-(try Quantity("1Gi"))).description == "-1Gi")
        #expect((-(try Quantity("-500m"))).description == "500m")
    }

    static let products: [(String, Int, String)] = [
        ("250m", 4, "1"), ("1Gi", 3, "3Gi"), ("512Mi", 2, "1Gi"), ("100m", 0, "0"), ("-1", 3, "-3"),
        ("1.5", 3, "4500m"), ("1Ki", -2, "-2Ki"), ("2e3", 5, "10e3"), ("1E", 1000, "1000E"), ("1n", 1000, "1u"),
    ]

    @Test("multiplies by an integer", arguments: products)
    func multiply(a: String, n: Int, expected: String) throws {
        let q = try Quantity(a)
        #expect((q * n).description == expected)
        #expect((n * q).description == expected)
        var m = q
        m *= n
        #expect(m.description == expected)
    }

    @Test func sumsPodRequests() throws {
        let cpu = try ["100m", "250m", "1", "500m", "0.15"].map(Quantity.init).reduce(Quantity.zero, +)
        #expect(cpu.description == "2")
        let memory = try ["128Mi", "256Mi", "512Mi", "128Mi"].map(Quantity.init).reduce(Quantity.zero, +)
        #expect(memory.description == "1Gi")
        #expect(memory.format == .binarySI)
        let allocatable = try Quantity("3800m")
        #expect(try allocatable - cpu == Quantity("1800m"))
        #expect(cpu * 2 > allocatable)
    }

    @Test func saturatesInsteadOfTrapping() {
        let big = Quantity(nanoUnits: .max)
        #expect((big + Quantity(integer: 1)).nanoUnits == .max)
        #expect((Quantity(nanoUnits: .min) - Quantity(integer: 1)).nanoUnits == .min)
        #expect((big * 2).nanoUnits == .max)
        #expect((big * -2).nanoUnits == .min)
        #expect(big.value == .max)
        #expect(Quantity(nanoUnits: .min).milliValue == .min)
    }

    // MARK: JSON

    struct Resources: Codable, Equatable {
        var limits: [String: Quantity]?
        var requests: [String: Quantity]?
    }

    /// JSON value → canonical re-encoding.
    static let json: [(String, String)] = [
        (#""1.5Gi""#, #""1536Mi""#), (#""500m""#, #""500m""#), (#""0.5""#, #""500m""#), (#""2e3""#, #""2e3""#),
        (#""0""#, #""0""#), ("2", #""2""#), ("0", #""0""#), ("-3", #""-3""#), ("0.5", #""500m""#),
        ("1.5", #""1500m""#), ("1000", #""1k""#), ("1e3", #""1k""#), ("0.001", #""1m""#),
        ("9223372036854775807", #""9223372036854775807""#), (#"" 1Gi ""#, #""1Gi""#), ("null", #""0""#),
        (#""1024Ki""#, #""1Mi""#), (#""12E-1""#, #""1200e-3""#),
    ]

    @Test("decodes strings and numbers, encodes the canonical string", arguments: json)
    func jsonRoundTrip(input: String, output: String) throws {
        let q = try JSONDecoder().decode(Quantity.self, from: Data(input.utf8))
        let encoded = try JSONEncoder().encode(q)
        #expect(String(decoding: encoded, as: UTF8.self) == output)
        #expect(try JSONDecoder().decode(Quantity.self, from: encoded) == q)
    }

    @Test("rejects bad JSON values", arguments: [#""1GB""#, #""""#, "true", "[]", "{}", #""abc""#, #""1 Gi""#])
    func jsonRejects(input: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Quantity.self, from: Data(input.utf8)) }
    }

    @Test func jsonInStructs() throws {
        let text = #"{"limits":{"cpu":2,"memory":"1024Mi"},"requests":{"cpu":"250m","memory":0.5}}"#
        let r = try JSONDecoder().decode(Resources.self, from: Data(text.utf8))
        #expect(r.limits?["cpu"] == Quantity(integer: 2))
        #expect(r.limits?["memory"] == Quantity.gibibytes(1))
        #expect(r.requests?["cpu"] == Quantity(milli: 250))
        #expect(r.requests?["memory"] == Quantity(milli: 500))
        let out = try JSONCoding.encode(r)
        #expect(String(decoding: out, as: UTF8.self) == #"{"limits":{"cpu":"2","memory":"1Gi"},"requests":{"cpu":"250m","memory":"500m"}}"#)
        let value = try JSONValue(encoding: r)
        #expect(try value.decode(as: Resources.self) == r)
    }
}
