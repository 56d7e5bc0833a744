import KubeCore

/// A set of field paths: structured-merge-diff's `fieldpath.Set`, the value of one
/// `managedFields` entry.
///
/// It is a trie. At each level `members` are the path elements that end a path in the set
/// (the field, list item or map entry is owned itself) and `children` lead to longer paths.
/// An element can be both, which `fieldsV1` writes as `".": {}` beside the children: a list
/// item owned as a whole (`k:{"name":"app"}` with `.`) whose fields are owned too.
///
/// As upstream, parents are not implicitly members: owning `.spec.replicas` does not own `.spec`.
public struct FieldSet: Sendable, Equatable, CustomStringConvertible {
    /// Elements that end a path in the set at this level.
    public internal(set) var members: Set<FieldPathElement>
    /// Sub-sets for longer paths, never empty.
    public internal(set) var children: [FieldPathElement: FieldSet]

    /// The empty set.
    public init() {
        members = []
        children = [:]
    }

    /// A set holding exactly `paths`.
    public init<S: Sequence>(_ paths: S) where S.Element == FieldPath {
        self.init()
        for path in paths { insert(path) }
    }

    /// Whether the set holds no path at all.
    public var isEmpty: Bool { members.isEmpty && children.isEmpty }

    /// The number of paths in the set.
    public var count: Int { members.count + children.values.reduce(0) { $0 + $1.count } }

    /// Adds a path. The empty path is ignored: the whole object is never tracked.
    public mutating func insert(_ path: FieldPath) {
        insert(path.elements[...])
    }

    private mutating func insert(_ elements: ArraySlice<FieldPathElement>) {
        guard let first = elements.first else { return }
        if elements.count == 1 {
            members.insert(first)
        } else {
            children[first, default: FieldSet()].insert(elements.dropFirst())
        }
    }

    /// Whether `path` is in the set (a member at its last element).
    public func contains(_ path: FieldPath) -> Bool {
        var set = self
        for (i, element) in path.elements.enumerated() {
            if i == path.elements.count - 1 { return set.members.contains(element) }
            guard let child = set.children[element] else { return false }
            set = child
        }
        return false
    }

    /// The sub-set of paths below `element`, without that prefix (`Set.WithPrefix`).
    public func withPrefix(_ element: FieldPathElement) -> FieldSet {
        children[element] ?? FieldSet()
    }

    /// Paths in either set.
    public func union(_ other: FieldSet) -> FieldSet {
        var out = self
        out.members.formUnion(other.members)
        for (element, child) in other.children {
            out.children[element] = out.children[element].map { $0.union(child) } ?? child
        }
        return out
    }

    /// Paths in both sets.
    public func intersection(_ other: FieldSet) -> FieldSet {
        var out = FieldSet()
        out.members = members.intersection(other.members)
        for (element, child) in children {
            guard let otherChild = other.children[element] else { continue }
            let common = child.intersection(otherChild)
            if !common.isEmpty { out.children[element] = common }
        }
        return out
    }

    /// Paths in this set and not in `other`, path by path: removing a parent path leaves its
    /// children (`Set.Difference`: "parent - child = parent, child - parent = {}" only for the
    /// exact paths).
    public func subtracting(_ other: FieldSet) -> FieldSet {
        var out = FieldSet()
        out.members = members.subtracting(other.members)
        for (element, child) in children {
            if let otherChild = other.children[element] {
                let rest = child.subtracting(otherChild)
                if !rest.isEmpty { out.children[element] = rest }
            } else {
                out.children[element] = child
            }
        }
        return out
    }

    /// Paths in this set that are neither in `other` nor below a path in `other`
    /// (`Set.RecursiveDifference`): used to ignore whole subtrees such as `.status`.
    public func recursivelySubtracting(_ other: FieldSet) -> FieldSet {
        var out = FieldSet()
        out.members = members.subtracting(other.members)
        for (element, child) in children where !other.members.contains(element) {
            if let otherChild = other.children[element] {
                let rest = child.recursivelySubtracting(otherChild)
                if !rest.isEmpty { out.children[element] = rest }
            } else {
                out.children[element] = child
            }
        }
        return out
    }

    /// Every path, in structured-merge-diff's iteration order (members in element order, then
    /// children in element order, depth first).
    public var paths: [FieldPath] {
        var out: [FieldPath] = []
        collect(prefix: [], into: &out)
        return out
    }

    private func collect(prefix: [FieldPathElement], into out: inout [FieldPath]) {
        for member in members.sorted() { out.append(FieldPath(prefix + [member])) }
        for element in children.keys.sorted() { children[element]!.collect(prefix: prefix + [element], into: &out) }
    }

    /// Adds every object-field element that has children as a member too
    /// (`Set.EnsureNamedFieldsAreMembers`), so that removal can take a whole struct. Upstream does
    /// this for struct fields only; here every object key counts as one, which gives the same
    /// sets because map entries with children are already members in object field sets.
    func ensuringNamedFieldsAreMembers() -> FieldSet {
        var out = self
        for (element, child) in children {
            if case .field = element { out.members.insert(element) }
            out.children[element] = child.ensuringNamedFieldsAreMembers()
        }
        return out
    }

    /// The `fieldsV1` text, one path per line, for debugging.
    public var description: String { paths.map(\.description).joined(separator: "\n") }
}
