import KubeCore

extension StructuredMerge {
    /// The errors kube-apiserver reports when it converts an object to a typed value
    /// (`ObjectToTyped`), each as `<path>: <message>`: list items a set or map list cannot
    /// identify, and, unless `allowDuplicates` (used for stored objects), repeated items.
    static func validationErrors(of value: JSONValue, schema: any SchemaInfo, allowDuplicates: Bool = false) -> [String] {
        var errors: [String] = []
        validate(value, path: "", schemaPath: [], schema: schema, allowDuplicates: allowDuplicates, into: &errors)
        return errors
    }

    /// `ValidationErrors.Error()`: one error as is, several as an indented list.
    static func describe(_ errors: [String]) -> String {
        errors.count == 1 ? errors[0] : (["errors:"] + errors.map { "  " + $0 }).joined(separator: "\n")
    }

    private static func validate(
        _ value: JSONValue, path: String, schemaPath: SchemaPath, schema: any SchemaInfo, allowDuplicates: Bool, into errors: inout [String]
    ) {
        func report(_ message: String) { errors.append(path.isEmpty ? message : "\(path): \(message)") }
        switch value {
        case .object(let members):
            for key in GoFormat.byteSorted(members.keys) {
                validate(members[key]!, path: path + "." + key, schemaPath: schemaPath + [key], schema: schema, allowDuplicates: allowDuplicates, into: &errors)
            }
        case .array(let items):
            let semantics = schema.listSemantics(at: schemaPath)
            var seen = Set<FieldPathElement>()
            for (i, item) in items.enumerated() {
                var itemPath = "[\(i)]"
                if semantics != .atomic {
                    let (element, error) = element(of: item, semantics: semantics, listPath: schemaPath, schema: schema)
                    guard let element else {
                        report("element \(i): \(error ?? "")")
                        return
                    }
                    if !seen.insert(element).inserted && !allowDuplicates { report("duplicate entries for key \(element.description)") }
                    itemPath = element.description
                }
                validate(item, path: path + itemPath, schemaPath: schemaPath + ["[]"], schema: schema, allowDuplicates: allowDuplicates, into: &errors)
            }
        default:
            break
        }
    }
}
