import Foundation

/// The shared behaviour of ``Time`` and ``MicroTime``: an instant at a fixed precision,
/// serialised as an RFC 3339 string in UTC.
public protocol RFC3339Instant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Digits after the decimal point when formatted (0 or 6).
    static var fractionDigits: Int { get }
    var date: Date { get }
    /// Stores `date` at the type's precision.
    init(_ date: Date)
}

extension RFC3339Instant {
    /// Parses RFC 3339 text, returning nil when it is not valid.
    public init?(rfc3339 text: String) {
        guard let d = RFC3339.parse(text) else { return nil }
        self.init(d)
    }

    public var description: String { RFC3339.format(date, fractionDigits: Self.fractionDigits) }

    public static func < (a: Self, b: Self) -> Bool { a.date < b.date }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = RFC3339.parse(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an RFC 3339 time: \(s)")
        }
        self.init(d)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// `metav1.Time`: an instant serialised as RFC 3339 in UTC with whole seconds
/// (`2024-05-01T12:00:00Z`), as kube-apiserver writes it. Parsing accepts fractions and offsets.
public struct Time: RFC3339Instant {
    public static let fractionDigits = 0
    /// Seconds since 1970-01-01T00:00:00Z, truncated to whole seconds like the API server.
    public let date: Date

    public init(_ date: Date) { self.date = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)) }
}

/// `metav1.MicroTime`: like ``Time`` with six fractional digits (`2024-05-01T12:00:00.123456Z`),
/// used by Lease `renewTime` and Event `eventTime`.
public struct MicroTime: RFC3339Instant {
    public static let fractionDigits = 6
    public let date: Date

    public init(_ date: Date) {
        // Nearest microsecond: a Double of seconds since 1970 cannot hold most microsecond
        // values exactly, so truncation would lose one on about half of all round trips.
        self.date = Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1_000_000).rounded() / 1_000_000)
    }
}

/// RFC 3339 formatting and parsing without DateFormatter (which is slow and not Sendable).
public enum RFC3339 {
    /// Formats in UTC with `Z` and the given number of fractional digits (0 to 9).
    public static func format(_ date: Date, fractionDigits: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        // Work in whole units of the last digit, rounded to nearest, so that a value parsed from
        // text formats back to the same text despite binary floating point.
        let t = date.timeIntervalSince1970
        let units = fractionDigits == 0 ? Int64(t.rounded(.down)) : Int64((t * Double(scale)).rounded())
        var seconds = units / scale
        var frac = units % scale
        if frac < 0 { frac += scale; seconds -= 1 }
        var days = seconds / 86_400
        var rem = seconds % 86_400
        if rem < 0 { rem += 86_400; days -= 1 }
        let (y, m, d) = civil(fromDays: days)
        var s = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rem / 3600, 2)):\(pad(rem / 60 % 60, 2)):\(pad(rem % 60, 2))"
        if fractionDigits > 0 { s += "." + pad(frac, fractionDigits) }
        return s + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`; `t`/`z` in lower case are accepted too.
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20 else { return nil }
        func num(_ from: Int, _ len: Int) -> Int64? {
            guard from + len <= b.count else { return nil }
            var v: Int64 = 0
            for i in from..<(from + len) {
                let c = b[i]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int64(c - 0x30)
            }
            return v
        }
        guard let y = num(0, 4), b[4] == 0x2D, let mo = num(5, 2), b[7] == 0x2D, let d = num(8, 2),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            let h = num(11, 2), b[13] == 0x3A, let mi = num(14, 2), b[16] == 0x3A, let s = num(17, 2),
            (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
                fraction += Double(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            if i == start { return nil }
        }
        guard i < b.count else { return nil }
        var offset: Int64 = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign: Int64 = b[i] == UInt8(ascii: "+") ? 1 : -1
            guard let oh = num(i + 1, 2), i + 3 < b.count, b[i + 3] == 0x3A, let om = num(i + 4, 2) else { return nil }
            offset = sign * (oh * 3600 + om * 60)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = daysFromCivil(y, mo, d)
        let secs = days * 86_400 + h * 3600 + mi * 60 + s - offset
        return Date(timeIntervalSince1970: Double(secs) + fraction)
    }

    private static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    // Howard Hinnant's days_from_civil / civil_from_days algorithms (proleptic Gregorian).
    static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
