/// `spec.size.parameters`: a parameter count written with an optional decimal fraction and a
/// suffix, parsed exactly (integer arithmetic, no floating point).
///
/// `<digits>[.<digits>][K|M|B|T]`, suffix case-insensitive: `K` 10³, `M` 10⁶, `B` 10⁹,
/// `T` 10¹²; no suffix is a plain count. The value must be a whole number of parameters
/// (`1.5B` = 1 500 000 000, `1.0005K` is rejected), positive, and at most ``maximum``.
public enum ParameterCount {
    /// Decimal exponent of each suffix.
    public static let suffixExponents: [String: Int] = ["K": 3, "M": 6, "B": 9, "T": 12]
    /// The largest count accepted (10¹⁵, a thousand trillion): keeps byte arithmetic far from
    /// `Int64` overflow.
    public static let maximum: Int64 = 1_000_000_000_000_000

    /// Longer texts are rejected outright.
    static let maximumLength = 40

    /// The exact count, or nil when `text` is not a valid parameter count.
    public static func parse(_ text: String) -> Int64? {
        var chars = Array(text)
        guard chars.count <= maximumLength else { return nil }
        var exponent = 0
        if let last = chars.last, let e = suffixExponents[last.uppercased()] {
            exponent = e
            chars.removeLast()
        }
        let dot = chars.firstIndex(of: ".") ?? chars.endIndex
        let whole = chars[..<dot]
        let fraction = dot < chars.endIndex ? chars[(dot + 1)...] : []
        guard !whole.isEmpty, whole.allSatisfy(isDigit), fraction.allSatisfy(isDigit),
              dot == chars.endIndex || !fraction.isEmpty
        else { return nil }

        // mantissa × 10^(exponent − fraction digits), leading zeros skipped.
        var mantissa: Int64 = 0
        for c in whole + fraction {
            let (m, o1) = mantissa.multipliedReportingOverflow(by: 10)
            let (n, o2) = m.addingReportingOverflow(Int64(c.wholeNumberValue!))
            guard !o1, !o2 else { return nil }
            mantissa = n
        }
        var scale = exponent - fraction.count
        while scale < 0 {
            guard mantissa % 10 == 0 else { return nil } // not a whole number of parameters
            mantissa /= 10
            scale += 1
        }
        for _ in 0..<scale {
            let (m, overflow) = mantissa.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            mantissa = m
        }
        guard mantissa > 0, mantissa <= maximum else { return nil }
        return mantissa
    }

    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
}
