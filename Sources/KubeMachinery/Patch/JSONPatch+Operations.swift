import KubeCore

/// The six RFC 6902 operations, worded and ordered like `evanphx/json-patch` v4 (`patch.go`), so
/// that a failing patch fails at the same step, with the same text, as in kube-apiserver.
extension JSONPatch {
    struct Applier {
        var document: JSONValue
        let options: Options
        var copiedBytes = 0

        var dialect: Options.Dialect { options.dialect }
        var strict: Bool { options.dialect == .rfc6902 }

        init(document: JSONValue, options: Options) {
            self.document = document
            self.options = options
        }

        mutating func apply(_ operation: [String: JSONValue]?, index: Int) throws(PatchError) {
            let op = Operation(fields: operation ?? [:], index: index, strict: strict)
            switch op.kind {
            case "add": try add(op)
            case "remove": try remove(op)
            case "replace": try replace(op)
            case "move": try move(op)
            case "copy": try copy(op)
            case "test": try test(op)
            default: throw op.failure("Unexpected kind: \(op.kind)")
            }
        }

        // MARK: add

        mutating func add(_ op: Operation) throws(PatchError) {
            let path = try op.string("path", wrap: { _ in "add operation failed to decode path: missing value" })
            let missing = "add operation does not apply: doc is missing path: \"\(path)\": missing value"
            let value = try op.value()
            try insert(value, at: path, for: op, missing: missing)
        }

        /// The last step of add and move: inserts `value` at `path` (`con.add`). An empty path
        /// under RFC 6902 replaces the whole document; a missing parent fails with `missing`, a
        /// failed insert with `error in <op> for path: '<path>': …`.
        private mutating func insert(_ value: JSONValue, at path: String, for op: Operation, missing: String) throws(PatchError) {
            guard let pointer = try op.pointer(path, dialect: dialect) else {
                if strict && path.isEmpty { document = value; return }
                throw op.failure(missing)
            }
            let dialect = self.dialect
            let found = try op.run { () throws(PatchErrorText) -> Bool in
                try JSONPatch.withContainer(&document, pointer.parents, dialect: dialect) { (c: inout JSONValue) throws(PatchErrorText) in
                    do throws(PatchErrorText) { try JSONPatch.add(&c, pointer.last, value, dialect: dialect) } catch {
                        throw PatchErrorText("error in \(op.kind) for path: '\(path)': \(error.text)")
                    }
                }
            }
            if !found { throw op.failure(missing) }
        }

        // MARK: remove

        mutating func remove(_ op: Operation) throws(PatchError) {
            let path = try op.string("path", wrap: { _ in "remove operation failed to decode path: missing value" })
            let missing = "remove operation does not apply: doc is missing path: \"\(path)\": missing value"
            guard let pointer = try op.pointer(path, dialect: dialect) else { throw op.failure(missing) }
            let dialect = self.dialect
            let found = try op.run { () throws(PatchErrorText) -> Bool in
                try JSONPatch.withContainer(&document, pointer.parents, dialect: dialect) { (c: inout JSONValue) throws(PatchErrorText) in
                    do throws(PatchErrorText) { try JSONPatch.remove(&c, pointer.last, dialect: dialect) } catch {
                        throw PatchErrorText("error in remove for path: '\(path)': \(error.text)")
                    }
                }
            }
            if !found { throw op.failure(missing) }
        }

        // MARK: replace

        mutating func replace(_ op: Operation) throws(PatchError) {
            let path = try op.string("path", wrap: { "replace operation failed to decode path: \($0)" })
            let value = try op.value()
            if path.isEmpty {
                // evanphx v4 replaces the whole document only with an object or array.
                if !strict && !JSONPatch.isContainer(value) {
                    throw op.failure("replace operation value must be object or array")
                }
                document = value
                return
            }
            guard let pointer = try op.pointer(path, dialect: dialect) else {
                throw op.failure("replace operation does not apply: doc is missing path: \(path): missing value")
            }
            let dialect = self.dialect
            let strict = self.strict
            let missingKey = "replace operation does not apply: doc is missing key: \(path): missing value"
            let found = try op.run { () throws(PatchErrorText) -> Bool in
                try JSONPatch.withContainer(&document, pointer.parents, dialect: dialect) { (c: inout JSONValue) throws(PatchErrorText) in
                    switch c {
                    case .object(let dict):
                        if strict && dict[pointer.last] == nil { throw PatchErrorText(missingKey) }
                    case .array(let array):
                        do throws(PatchErrorText) { _ = try JSONPatch.existingIndex(pointer.last, count: array.count, dialect: dialect) } catch {
                            throw PatchErrorText(missingKey)
                        }
                    default:
                        break
                    }
                    // "error in remove" is evanphx's wording for a failed replace.
                    do throws(PatchErrorText) { try JSONPatch.set(&c, pointer.last, value, dialect: dialect) } catch {
                        throw PatchErrorText("error in remove for path: '\(path)': \(error.text)")
                    }
                }
            }
            if !found { throw op.failure("replace operation does not apply: doc is missing path: \(path): missing value") }
        }

        // MARK: move

        mutating func move(_ op: Operation) throws(PatchError) {
            let from = try op.string("from", wrap: { "move operation failed to decode from: \($0)" })
            let fromMissing = "move operation does not apply: doc is missing from path: \(from): missing value"
            guard let source = try op.pointer(from, dialect: dialect) else { throw op.failure(fromMissing) }
            let dialect = self.dialect
            var moved: JSONValue?
            let foundSource = try op.run { () throws(PatchErrorText) -> Bool in
                try JSONPatch.withContainer(&document, source.parents, dialect: dialect) { (c: inout JSONValue) throws(PatchErrorText) in
                    do throws(PatchErrorText) {
                        moved = try JSONPatch.get(c, source.last, dialect: dialect)
                        try JSONPatch.remove(&c, source.last, dialect: dialect)
                    } catch {
                        throw PatchErrorText("error in move for path: '\(source.last)': \(error.text)")
                    }
                }
            }
            if !foundSource { throw op.failure(fromMissing) }

            let path = try op.string("path", wrap: { "move operation failed to decode path: \($0)" })
            let destinationMissing = "move operation does not apply: doc is missing destination path: \(path): missing value"
            try insert(moved ?? .null, at: path, for: op, missing: destinationMissing)
        }

        // MARK: copy

        mutating func copy(_ op: Operation) throws(PatchError) {
            let from = try op.string("from", wrap: { "copy operation failed to decode from: \($0)" })
            let fromMissing = "copy operation does not apply: doc is missing from path: \(from): missing value"
            guard let source = try op.pointer(from, dialect: dialect),
                let sourceContainer = JSONPatch.container(in: document, source.parents, dialect: dialect)
            else { throw op.failure(fromMissing) }
            if strict, case .object(let dict) = sourceContainer, dict[source.last] == nil {
                throw op.failure(fromMissing)
            }
            let value: JSONValue
            do throws(PatchErrorText) { value = try JSONPatch.get(sourceContainer, source.last, dialect: dialect) ?? .null } catch {
                throw op.failure("error in copy for from: '\(from)': \(error.text)")
            }

            let path = try op.string("path", wrap: { _ in "copy operation failed to decode path: missing value" })
            let destinationMissing = "copy operation does not apply: doc is missing destination path: \(path): missing value"
            let destination = try op.pointer(path, dialect: dialect)
            if destination == nil && !(strict && path.isEmpty) { throw op.failure(destinationMissing) }
            if let destination, JSONPatch.container(in: document, destination.parents, dialect: dialect) == nil {
                throw op.failure(destinationMissing)
            }

            copiedBytes += value.serialized().count
            if let limit = options.maxCopyBytes, copiedBytes > limit {
                throw op.failure(
                    "Unable to complete the copy, the accumulated size increase of copy is \(copiedBytes), exceeding the limit \(limit)")
            }
            guard let destination else { document = value; return }
            let dialect = self.dialect
            _ = try op.run { () throws(PatchErrorText) -> Bool in
                try JSONPatch.withContainer(&document, destination.parents, dialect: dialect) { (c: inout JSONValue) throws(PatchErrorText) in
                    do throws(PatchErrorText) { try JSONPatch.add(&c, destination.last, value, dialect: dialect) } catch {
                        throw PatchErrorText("error while adding value during copy: \(error.text)")
                    }
                }
            }
        }

        // MARK: test

        func test(_ op: Operation) throws(PatchError) {
            let path = try op.string("path", wrap: { "test operation failed to decode path: \($0)" })
            let expected = op.fields["value"]
            if strict && expected == nil { throw op.malformed("test operation is missing its value") }
            let failed = op.failure("testing value \(path) failed: test failed", kind: .testFailed)
            if path.isEmpty {
                guard let expected, expected == document else { throw failed }
                return
            }
            let missing = "test operation does not apply: is missing path: \(path): missing value"
            guard let pointer = try op.pointer(path, dialect: dialect),
                let container = JSONPatch.container(in: document, pointer.parents, dialect: dialect)
            else { throw op.failure(missing) }
            if strict, case .object(let dict) = container, dict[pointer.last] == nil { throw op.failure(missing) }
            let actual: JSONValue?
            do throws(PatchErrorText) { actual = try JSONPatch.get(container, pointer.last, dialect: dialect) } catch {
                throw op.failure("error in test for path: '\(path)': \(error.text)")
            }
            // evanphx: a missing or null target matches an absent or null expected value.
            guard let actual else {
                if expected == nil || expected == .null { return }
                throw failed
            }
            guard let expected, actual == expected else { throw failed }
        }
    }

    /// One operation object being applied, with error builders carrying its index, op and path.
    struct Operation {
        let fields: [String: JSONValue]
        let index: Int
        let strict: Bool

        /// The `op` member; `unknown` when absent or not a string (as evanphx reports it).
        var kind: String { fields["op"]?.stringValue ?? "unknown" }

        func failure(_ message: String, kind: PatchError.Kind = .operationFailed) -> PatchError {
            PatchError(kind, message, operationIndex: index, operation: self.kind, path: fields["path"]?.stringValue)
        }

        func malformed(_ message: String) -> PatchError { failure(message, kind: .malformedPatch) }

        /// A string member (`path`/`from`). A missing or mistyped member fails the operation (422)
        /// in kube-apiserver and makes the patch malformed (400) in the strict dialect.
        func string(_ name: String, wrap: (String) -> String) throws(PatchError) -> String {
            let problem: String
            switch fields[name] {
            case .string(let s)?: return s
            case nil, .null?:
                problem = name == "from" ? "operation, missing from field: missing value" : "operation missing path field: missing value"
            case let other?:
                problem = "json: cannot unmarshal \(GoFormat.jsonKind(other)) into Go value of type string"
            }
            throw strict ? malformed(wrap(problem)) : failure(wrap(problem))
        }

        /// The `value` member: `null` when absent in kube-apiserver; required in the strict dialect.
        func value() throws(PatchError) -> JSONValue {
            if let v = fields["value"] { return v }
            if strict { throw malformed("\(kind) operation is missing its value") }
            return .null
        }

        func pointer(_ path: String, dialect: Options.Dialect) throws(PatchError) -> Pointer? {
            do throws(PatchError) { return try JSONPatch.parsePointer(path, dialect: dialect) } catch {
                throw PatchError(.malformedPatch, error.message, operationIndex: index, operation: kind, path: fields["path"]?.stringValue)
            }
        }

        /// Runs a container mutation, turning its bare message into this operation's error.
        func run(_ body: () throws(PatchErrorText) -> Bool) throws(PatchError) -> Bool {
            do throws(PatchErrorText) { return try body() } catch { throw failure(error.text) }
        }
    }
}
