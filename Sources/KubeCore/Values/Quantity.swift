/// `resource.Quantity` (k8s.io/apimachinery/pkg/api/resource): a fixed-point number with a
/// unit suffix, as used for CPU, memory and storage amounts (`500m`, `40Gi`, `1.5`, `2e3`).
///
/// Grammar (quantity.go):
///
///     <quantity>        ::= <signedNumber><suffix>
///     <signedNumber>    ::= <number> | +<number> | -<number>
///     <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
///     <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
///     <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
///     <decimalSI>       ::= n | u | m | "" | k | M | G | T | P | E
///     <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>   (an integer here)
///
/// The value is stored exactly as a count of nano-units (value × 10⁹) in an `Int128`, together
/// with the ``Format`` implied by the suffix, which only affects how the value is written back.
///
/// Like Kubernetes:
/// - precision below `1n` is rounded *up* (away from zero): `0.1n` becomes `1n`,
///   `1.1e-9` becomes `2e-9` ("if you want some resources, you should get some resources");
/// - magnitudes above 2⁶³−1 are capped at 2⁶³−1 (the documented limit "no quantity may represent
///   a number greater than 2^63-1 in magnitude"; Kubernetes' int64 fast path happens not to
///   apply the cap to inputs such as `12E`, this type always applies it);
/// - equality, ordering and hashing use the numeric value only, so `1Gi == 1024Mi` and
///   `1 == 1000m` (like `Quantity.Cmp`/`Equal`);
/// - ``description`` and the JSON form are the canonical string (`CanonicalizeBytes`):
///   `1.5` is serialised as `1500m`, `1.5Gi` as `1536Mi`, `2e3` stays `2e3`.
public struct Quantity: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// How a quantity is written back (`resource.Format`). Taken from the suffix it was parsed with.
    public enum Format: String, Sendable, Hashable, CaseIterable, Codable {
        /// Powers of 1024: `Ki`, `Mi`, `Gi`, `Ti`, `Pi`, `Ei`.
        case binarySI = "BinarySI"
        /// Powers of 1000: `n`, `u`, `m`, (none), `k`, `M`, `G`, `T`, `P`, `E`.
        case decimalSI = "DecimalSI"
        /// Scientific notation: `e3`, `E-6`, written back with an exponent that is a multiple of 3.
        case decimalExponent = "DecimalExponent"
    }

    /// The exact value in units of 10⁻⁹ (so `1` is `1_000_000_000` and `1m` is `1_000_000`).
    public private(set) var nanoUnits: Int128
    /// The suffix family used when formatting.
    public var format: Format

    static let nanosPerUnit: Int128 = 1_000_000_000
    /// The largest magnitude a parsed quantity may have: (2⁶³−1) × 10⁹ nano-units, the
    /// `maxAllowed` cap of quantity.go.
    public static let maxNanoUnits: Int128 = Int128(Int64.max) * 1_000_000_000

    /// Zero (`0`).
    public static let zero = Quantity(nanoUnits: 0, format: .decimalSI)

    /// A quantity with the given exact number of nano-units. No cap is applied.
    public init(nanoUnits: Int128, format: Format = .decimalSI) {
        self.nanoUnits = nanoUnits
        self.format = format
    }

    /// `resource.NewQuantity(value, format)`: an integer amount.
    public init(integer: Int64, format: Format = .decimalSI) {
        self.init(nanoUnits: Int128(integer) * Self.nanosPerUnit, format: format)
    }

    /// `resource.NewMilliQuantity(value, format)`: an amount in thousandths (`milli: 500` is `500m`).
    public init(milli: Int64, format: Format = .decimalSI) {
        self.init(nanoUnits: Int128(milli) * 1_000_000, format: format)
    }

    /// `let cpu: Quantity = 2` — an integer amount in ``Format/decimalSI``.
    public init(integerLiteral value: Int64) {
        self.init(integer: value)
    }

    /// `n` KiB (`n × 1024`), binary SI.
    public static func kibibytes(_ n: Int64) -> Quantity { Quantity(nanoUnits: Int128(n) * 1024 * nanosPerUnit, format: .binarySI) }
    /// `n` MiB (`n × 1024²`), binary SI.
    public static func mebibytes(_ n: Int64) -> Quantity { Quantity(nanoUnits: Int128(n) * 1_048_576 * nanosPerUnit, format: .binarySI) }
    /// `n` GiB (`n × 1024³`), binary SI.
    public static func gibibytes(_ n: Int64) -> Quantity { Quantity(nanoUnits: Int128(n) * 1_073_741_824 * nanosPerUnit, format: .binarySI) }
    /// `n` thousandths of a CPU core (`millicores(250)` is `250m`).
    public static func millicores(_ n: Int64) -> Quantity { Quantity(milli: n) }

    // MARK: Parsing

    /// `resource.ParseQuantity`: parses `string`, throwing ``QuantityParseError`` when it does not
    /// match the grammar (no surrounding whitespace is allowed, as in Kubernetes).
    public init(_ string: String) throws {
        let bytes = Array(string.utf8)
        guard !bytes.isEmpty else { throw QuantityParseError(input: string, reason: .empty) }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if bytes[0] == UInt8(ascii: "+") { i = 1 }

        // Significant digits of the number (integer and fraction parts together), big-endian.
        var digits: [UInt8] = []
        var digitCount = 0
        var fractionDigits = 0
        while i < bytes.count, let d = Self.digit(bytes[i]) {
            if !(digits.isEmpty && d == 0) { digits.append(d) }
            digitCount += 1; i += 1
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < bytes.count, let d = Self.digit(bytes[i]) {
                if !(digits.isEmpty && d == 0) { digits.append(d) }
                digitCount += 1; fractionDigits += 1; i += 1
            }
        }
        guard digitCount > 0 else { throw QuantityParseError(input: string, reason: .malformedNumber) }

        guard let (exponent10, binaryPower, parsedFormat) = Self.interpretSuffix(bytes[i...]) else {
            throw QuantityParseError(input: string, reason: .unknownSuffix)
        }

        // Binary suffixes multiply by 1024^binaryPower; do it on the decimal digits so the
        // rest is purely decimal.
        if binaryPower > 0, !digits.isEmpty {
            var little = Array(digits.reversed())
            for _ in 0..<binaryPower {
                var carry = 0
                for k in little.indices {
                    let v = Int(little[k]) * 1024 + carry
                    little[k] = UInt8(v % 10)
                    carry = v / 10
                }
                while carry > 0 { little.append(UInt8(carry % 10)); carry /= 10 }
            }
            digits = little.reversed()
        }

        // magnitude in nano-units = digits × 10^shift, rounded up, capped.
        let clampedExponent = Int(max(-(1 << 40), min(1 << 40, exponent10)))
        let shift = clampedExponent - fractionDigits + 9
        var magnitude = Self.nanoMagnitude(digits: digits, shift: shift)
        if magnitude > Self.maxNanoUnits { magnitude = Self.maxNanoUnits }

        var format = parsedFormat
        // quantity.go: a binary SI amount between 0 and 1 is switched to decimal SI at parse time.
        if format == .binarySI, magnitude > 0, magnitude < Self.nanosPerUnit { format = .decimalSI }
        self.init(nanoUnits: negative ? -magnitude : magnitude, format: format)
    }

    private static func digit(_ b: UInt8) -> UInt8? {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") ? b - UInt8(ascii: "0") : nil
    }

    /// `digits × 10^shift`, rounded up to an integer; anything larger than 29 digits is
    /// returned as a value above the cap.
    private static func nanoMagnitude(digits: [UInt8], shift: Int) -> Int128 {
        guard !digits.isEmpty else { return 0 }
        let aboveCap = maxNanoUnits + 1
        if shift >= 0 {
            if digits.count + shift > 29 { return aboveCap }
            var v: Int128 = 0
            for d in digits { v = v * 10 + Int128(d) }
            for _ in 0..<shift { v *= 10 }
            return v
        }
        let integerCount = digits.count + shift // shift < 0
        if integerCount > 29 { return aboveCap }
        var v: Int128 = 0
        var remainderIsZero = true
        for (k, d) in digits.enumerated() {
            if k < integerCount { v = v * 10 + Int128(d) } else if d != 0 { remainderIsZero = false; break }
        }
        return remainderIsZero ? v : v + 1
    }

    /// Decodes a suffix into (power of ten, power of 1024, format), like `suffixHandler.interpret`:
    /// the SI tables first (so `E` is exa), then `e<int>` / `E<int>` with an optional sign.
    private static func interpretSuffix(_ s: ArraySlice<UInt8>) -> (Int64, Int, Format)? {
        switch String(decoding: s, as: UTF8.self) {
        case "": return (0, 0, .decimalSI)
        case "n": return (-9, 0, .decimalSI)
        case "u": return (-6, 0, .decimalSI)
        case "m": return (-3, 0, .decimalSI)
        case "k": return (3, 0, .decimalSI)
        case "M": return (6, 0, .decimalSI)
        case "G": return (9, 0, .decimalSI)
        case "T": return (12, 0, .decimalSI)
        case "P": return (15, 0, .decimalSI)
        case "E": return (18, 0, .decimalSI)
        case "Ki": return (0, 1, .binarySI)
        case "Mi": return (0, 2, .binarySI)
        case "Gi": return (0, 3, .binarySI)
        case "Ti": return (0, 4, .binarySI)
        case "Pi": return (0, 5, .binarySI)
        case "Ei": return (0, 6, .binarySI)
        default:
            guard s.count > 1, s.first == UInt8(ascii: "e") || s.first == UInt8(ascii: "E") else { return nil }
            var rest = s.dropFirst()
            var negative = false
            if rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") {
                negative = rest.first == UInt8(ascii: "-")
                rest = rest.dropFirst()
            }
            // Kubernetes parses the exponent with strconv.ParseInt(…, 10, 64): digits only, must fit Int64.
            guard !rest.isEmpty, rest.allSatisfy({ digit($0) != nil }),
                  let e = Int64((negative ? "-" : "") + String(decoding: rest, as: UTF8.self)) else { return nil }
            return (e, 0, .decimalExponent)
        }
    }

    // MARK: Accessors

    /// True when the value is zero.
    public var isZero: Bool { nanoUnits == 0 }

    /// -1, 0 or 1 (`Quantity.Sign`).
    public var sign: Int { nanoUnits == 0 ? 0 : (nanoUnits < 0 ? -1 : 1) }

    /// `Quantity.Value()`: the value as an integer, rounded up away from zero (`1500m` → 2,
    /// `-1500m` → -2), saturating at the `Int64` bounds.
    public var value: Int64 { Self.divideAwayFromZero(nanoUnits, by: Self.nanosPerUnit) }

    /// `Quantity.MilliValue()`: the value in thousandths, rounded up away from zero
    /// (`1n` → 1), saturating at the `Int64` bounds.
    public var milliValue: Int64 { Self.divideAwayFromZero(nanoUnits, by: 1_000_000) }

    /// `Quantity.AsApproximateFloat64()`.
    public var doubleValue: Double {
        let (q, r) = nanoUnits.quotientAndRemainder(dividingBy: Self.nanosPerUnit)
        return Double(q) + Double(r) / 1e9
    }

    private static func divideAwayFromZero(_ n: Int128, by d: Int128) -> Int64 {
        var (q, r) = n.quotientAndRemainder(dividingBy: d)
        if r > 0 { q += 1 } else if r < 0 { q -= 1 }
        return Int64(clamping: q)
    }

    // MARK: Formatting

    private static let decimalSuffixes: [Int: String] = [
        -9: "n", -6: "u", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E",
    ]
    private static let binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]

    /// The canonical string (`Quantity.String()` / `CanonicalizeBytes`):
    /// - zero is `0`;
    /// - binary SI amounts with magnitude below 1024, or that are not whole numbers, are written
    ///   as decimal SI (`512`, `1500m`); otherwise the mantissa is divided by 1024 while exact
    ///   (`1024Mi` → `1Gi`, `1536Mi` stays, `1.5Gi` → `1536Mi`, `1025` stays);
    /// - decimal SI and decimal exponent amounts use the largest power of 1000 that leaves an
    ///   integer mantissa (`1.5` → `1500m`, `2000` → `2k`, `1.5e3` → `1500`, `12E-1` → `120e-3`).
    public var description: String {
        if nanoUnits == 0 { return "0" }
        let magnitude = nanoUnits.magnitude
        let nanos = UInt128(Self.nanosPerUnit)
        var format = self.format
        if format == .binarySI, magnitude < 1024 * nanos || magnitude % nanos != 0 { format = .decimalSI }
        var out = nanoUnits < 0 ? "-" : ""
        switch format {
        case .binarySI:
            var n = magnitude / nanos
            var power = 0
            while power < 6, n % 1024 == 0 { n /= 1024; power += 1 }
            out += String(n) + Self.binarySuffixes[power]
        case .decimalSI, .decimalExponent:
            var m = magnitude
            var exponent = -9
            while m % 1000 == 0 { m /= 1000; exponent += 3 }
            if format == .decimalSI {
                while exponent > 18 { m *= 1000; exponent -= 3 } // only reachable after arithmetic past the cap
                out += String(m) + Self.decimalSuffixes[exponent]!
            } else {
                out += String(m) + (exponent == 0 ? "" : "e\(exponent)")
            }
        }
        return out
    }

    // MARK: Comparison

    /// Numeric equality: the format is ignored (`Quantity.Equal`).
    public static func == (a: Quantity, b: Quantity) -> Bool { a.nanoUnits == b.nanoUnits }
    /// Numeric order (`Quantity.Cmp`).
    public static func < (a: Quantity, b: Quantity) -> Bool { a.nanoUnits < b.nanoUnits }
    /// Hashes the numeric value only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(nanoUnits) }

    // MARK: Arithmetic

    /// `Quantity.Add`: the result keeps the left operand's format, unless the left operand is
    /// zero, in which case it takes the right one's. Saturates at the `Int128` bounds.
    public static func + (a: Quantity, b: Quantity) -> Quantity {
        let (sum, overflow) = a.nanoUnits.addingReportingOverflow(b.nanoUnits)
        return Quantity(nanoUnits: overflow ? (b.nanoUnits > 0 ? .max : .min) : sum, format: a.isZero ? b.format : a.format)
    }

    /// `Quantity.Sub`: formats as for `+`.
    public static func - (a: Quantity, b: Quantity) -> Quantity {
        let (diff, overflow) = a.nanoUnits.subtractingReportingOverflow(b.nanoUnits)
        return Quantity(nanoUnits: overflow ? (b.nanoUnits < 0 ? .max : .min) : diff, format: a.isZero ? b.format : a.format)
    }

    /// `Quantity.Neg`.
    public static prefix func - (a: Quantity) -> Quantity {
        Quantity(nanoUnits: a.nanoUnits == .min ? .max : -a.nanoUnits, format: a.format)
    }

    /// `Quantity.Mul`: multiplies by an integer, keeping the format. Saturates at the `Int128` bounds.
    public static func * (a: Quantity, n: Int) -> Quantity {
        let (product, overflow) = a.nanoUnits.multipliedReportingOverflow(by: Int128(n))
        let saturated: Int128 = (a.nanoUnits < 0) == (n < 0) ? .max : .min
        return Quantity(nanoUnits: overflow ? saturated : product, format: a.format)
    }

    public static func * (n: Int, a: Quantity) -> Quantity { a * n }
    public static func += (a: inout Quantity, b: Quantity) { a = a + b }
    public static func -= (a: inout Quantity, b: Quantity) { a = a - b }
    public static func *= (a: inout Quantity, n: Int) { a = a * n }

    // MARK: Codable

    /// Accepts a JSON string (surrounding whitespace trimmed, as `Quantity.UnmarshalJSON` does),
    /// a JSON number (kube-apiserver accepts `cpu: 2` and `memory: 0.5`) or `null` (zero).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .zero; return }
        let text: String
        if let s = try? c.decode(String.self) {
            text = Self.trimmingWhitespace(s)
        } else if let i = try? c.decode(Int64.self) {
            text = String(i)
        } else if let d = try? c.decode(Double.self), d.isFinite {
            text = "\(d)" // e.g. "0.5", "1e-05", "1e+20": all valid quantity syntax
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "a quantity must be a string or a number")
        }
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "\(error)")
        }
    }

    private static func trimmingWhitespace(_ s: String) -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace }
        var scalars = s.unicodeScalars[...]
        while let f = scalars.first, isSpace(f) { scalars = scalars.dropFirst() }
        while let l = scalars.last, isSpace(l) { scalars = scalars.dropLast() }
        return String(scalars)
    }

    /// Writes the canonical string (``description``).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Why a string is not a ``Quantity`` (quantity.go's `ErrFormatWrong` / `ErrSuffix`).
public struct QuantityParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The empty string.
        case empty
        /// The number part has no digits (`Gi`, `abc`, `--1`).
        case malformedNumber
        /// What follows the number is not a known suffix (`1GB`, `1 Gi`, `1e`, `1.5.5`).
        case unknownSuffix
    }
    /// The text that failed to parse.
    public var input: String
    /// Which part of the grammar it violates.
    public var reason: Reason

    public var description: String {
        switch reason {
        case .empty: return "quantities must not be empty"
        case .malformedNumber:
            return "quantity \(String(reflecting: input)) must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        case .unknownSuffix: return "unable to parse quantity's suffix in \(String(reflecting: input))"
        }
    }
}

