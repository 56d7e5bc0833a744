/// The lexer and recursive-descent parser of k8s.io/apimachinery/pkg/labels/selector.go,
/// reproduced token for token so that the same strings are accepted and rejected.
///
/// Lexing: whitespace is ` `, `\t`, `\r`, `\n`; the special symbols `=`, `!`, `(`, `)`, `,`,
/// `>`, `<` form the longest known token (`==`, `!=`, else the single symbol, so `<=` lexes as
/// `<` then `=`); any other run of characters is an identifier, except the keywords `in` and
/// `notin`. Where a value or key is expected, `in`/`notin` are accepted as identifiers.
enum LabelSelectorParser {
    enum Token: Equatable {
        case endOfString
        case closedPar, comma, doesNotExist, doubleEquals, equals, greaterThan, lessThan, notEquals, openPar
        case `in`, notIn
        case identifier
        case error
    }

    struct Item {
        var token: Token
        var literal: String
    }

    private static let symbolTokens: [String: Token] = [
        ")": .closedPar, ",": .comma, "!": .doesNotExist, "==": .doubleEquals, "=": .equals,
        ">": .greaterThan, "<": .lessThan, "!=": .notEquals, "(": .openPar,
    ]

    private static func isWhitespace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "\n")
    }

    private static func isSpecialSymbol(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: ","), UInt8(ascii: ">"), UInt8(ascii: "<"): return true
        default: return false
        }
    }

    /// `Lexer.Lex` run to the end of the string (as `Parser.scan` does).
    static func lex(_ string: String) -> [Item] {
        let s = Array(string.utf8)
        var pos = 0
        var items: [Item] = []
        while true {
            while pos < s.count, isWhitespace(s[pos]) { pos += 1 }
            guard pos < s.count else {
                items.append(Item(token: .endOfString, literal: ""))
                return items
            }
            if isSpecialSymbol(s[pos]) {
                var buffer: [UInt8] = []
                var last: Item?
                while pos < s.count, isSpecialSymbol(s[pos]) {
                    buffer.append(s[pos])
                    if let t = symbolTokens[String(decoding: buffer, as: UTF8.self)] {
                        last = Item(token: t, literal: String(decoding: buffer, as: UTF8.self))
                        pos += 1
                    } else if last != nil {
                        break
                    } else {
                        pos += 1
                    }
                }
                items.append(last ?? Item(token: .error, literal: "error expected: keyword found '\(String(decoding: buffer, as: UTF8.self))'"))
            } else {
                let start = pos
                while pos < s.count, !isSpecialSymbol(s[pos]), !isWhitespace(s[pos]) { pos += 1 }
                let word = String(decoding: s[start..<pos], as: UTF8.self)
                switch word {
                case "in": items.append(Item(token: .in, literal: word))
                case "notin": items.append(Item(token: .notIn, literal: word))
                default: items.append(Item(token: .identifier, literal: word))
                }
            }
        }
    }

    private struct Parser {
        var items: [Item]
        var position = 0

        /// `lookahead(Values)`: `in`/`notin` read as identifiers.
        func peekValue() -> Item {
            var item = items[position]
            if item.token == .in || item.token == .notIn { item.token = .identifier }
            return item
        }

        mutating func consumeValue() -> Item {
            let item = peekValue()
            if position < items.count - 1 { position += 1 }
            return item
        }

        /// `consume(KeyAndOperator)`: keywords keep their meaning.
        mutating func consumeOperator() -> Item {
            let item = items[position]
            if position < items.count - 1 { position += 1 }
            return item
        }

        mutating func parse() throws -> [LabelRequirement] {
            var requirements: [LabelRequirement] = []
            while true {
                let next = peekValue()
                switch next.token {
                case .identifier, .doesNotExist:
                    do {
                        requirements.append(try parseRequirement())
                    } catch let e as LabelSelectorError {
                        throw LabelSelectorError("unable to parse requirement: \(e.message)")
                    }
                    let after = consumeValue()
                    switch after.token {
                    case .endOfString:
                        return requirements
                    case .comma:
                        let t2 = peekValue()
                        if t2.token != .identifier && t2.token != .doesNotExist {
                            throw LabelSelectorError("found '\(t2.literal)', expected: identifier after ','")
                        }
                    default:
                        throw LabelSelectorError("found '\(after.literal)', expected: ',' or 'end of string'")
                    }
                case .endOfString:
                    return requirements
                default:
                    throw LabelSelectorError("found '\(next.literal)', expected: !, identifier, or 'end of string'")
                }
            }
        }

        mutating func parseRequirement() throws -> LabelRequirement {
            // parseKeyAndInferOperator
            var unary: LabelRequirement.Operator?
            var item = consumeValue()
            if item.token == .doesNotExist {
                unary = .doesNotExist
                item = consumeValue()
            }
            guard item.token == .identifier else {
                throw LabelSelectorError("found '\(item.literal)', expected: identifier")
            }
            let key = item.literal
            if let problem = LabelValidation.keyProblem(key) {
                throw LabelSelectorError("invalid label key \(String(reflecting: key)): \(problem)")
            }
            let following = peekValue().token
            if unary == nil, following == .endOfString || following == .comma { unary = .exists }
            if let unary { return try LabelRequirement(key: key, op: unary, values: []) }

            // parseOperator
            let opItem = consumeOperator()
            let op: LabelRequirement.Operator
            switch opItem.token {
            case .in: op = .in
            case .notIn: op = .notIn
            case .equals: op = .equals
            case .doubleEquals: op = .doubleEquals
            case .notEquals: op = .notEquals
            case .greaterThan: op = .greaterThan
            case .lessThan: op = .lessThan
            default:
                throw LabelSelectorError("found '\(opItem.literal)', expected: in, notin, =, ==, !=, gt, lt")
            }

            let values: [String]
            switch op {
            case .in, .notIn: values = try parseValues()
            default: values = try parseExactValue()
            }
            return try LabelRequirement(key: key, op: op, values: values)
        }

        /// `parseValues`: `(` identifiers separated by commas `)`. `()` is the single value `""`,
        /// and empty entries (`(a,)`, `(,a)`, `(a,,b)`) add `""`.
        mutating func parseValues() throws -> [String] {
            let open = consumeValue()
            guard open.token == .openPar else { throw LabelSelectorError("found '\(open.literal)' expected: '('") }
            let next = peekValue()
            switch next.token {
            case .identifier, .comma:
                let values = try parseIdentifiersList()
                let close = consumeValue()
                guard close.token == .closedPar else { throw LabelSelectorError("found '\(close.literal)', expected: ')'") }
                return values
            case .closedPar:
                _ = consumeValue()
                return [""]
            default:
                throw LabelSelectorError("found '\(next.literal)', expected: ',', ')' or identifier")
            }
        }

        mutating func parseIdentifiersList() throws -> [String] {
            var values: [String] = []
            while true {
                let item = consumeValue()
                switch item.token {
                case .identifier:
                    values.append(item.literal)
                    let t2 = peekValue()
                    switch t2.token {
                    case .comma: continue
                    case .closedPar: return values
                    default: throw LabelSelectorError("found '\(t2.literal)', expected: ',' or ')'")
                    }
                case .comma:
                    if values.isEmpty { values.append("") } // "(,"
                    let t2 = peekValue()
                    if t2.token == .closedPar { values.append(""); return values } // ",)"
                    if t2.token == .comma { _ = consumeValue(); values.append("") } // ",,"
                default:
                    throw LabelSelectorError("found '\(item.literal)', expected: ',', or identifier")
                }
            }
        }

        /// `parseExactValue`: one identifier, or nothing before `,`/end (the empty value).
        mutating func parseExactValue() throws -> [String] {
            let next = peekValue()
            if next.token == .endOfString || next.token == .comma { return [""] }
            let item = consumeValue()
            guard item.token == .identifier else { throw LabelSelectorError("found '\(item.literal)', expected: identifier") }
            return [item.literal]
        }
    }

    /// `labels.Parse`: the requirements in source order (``LabelRequirementSet`` sorts them).
    static func parse(_ string: String) throws -> [LabelRequirement] {
        var parser = Parser(items: lex(string))
        return try parser.parse()
    }
}
