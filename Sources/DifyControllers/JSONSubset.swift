import KubeCore

/// Whether a live object already holds everything an apply intent says, so the apply would
/// change nothing and need not be sent. Every field of the intent must be in the live object
/// with an equal value; lists must have the same length with each element contained; a string
/// that both sides write as a Kubernetes quantity compares by value (the API server stores
/// quantities in canonical form: `0.5` comes back as `500m`). Fields only the live object has
/// (server defaults, other managers' fields, status) do not matter.
enum JSONSubset {
    static func contains(_ live: JSONValue, _ intent: JSONValue) -> Bool {
        switch (live, intent) {
        case (.object(let l), .object(let i)):
            for (key, value) in i {
                guard let lv = l[key] else {
                    if value.isNull { continue }
                    return false
                }
                if !contains(lv, value) { return false }
            }
            return true
        case (.array(let l), .array(let i)):
            return l.count == i.count && zip(l, i).allSatisfy { contains($0, $1) }
        case (.string(let l), .string(let i)):
            if l == i { return true }
            if let ql = try? Quantity(l), let qi = try? Quantity(i) { return ql == qi }
            return false
        case (.int(let l), .double(let i)):
            return Double(l) == i
        case (.double(let l), .int(let i)):
            return l == Double(i)
        default:
            return live == intent
        }
    }
}
