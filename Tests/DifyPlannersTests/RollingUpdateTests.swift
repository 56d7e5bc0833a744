import DifyPlanners
import Testing

/// The replica arithmetic of a revision change, row by row (the equations are in
/// ``RollingUpdate``'s doc comment).
struct RollingUpdateTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var what: String
        var desired: Int32, surge: Int32, unavailable: Int32
        var new: (Int32, Int32)
        var old: [(Int32, Int32)]
        var expectNew: Int32
        var expectOld: [Int32]
        var testDescription: String { what }
    }

    static let rows: [Row] = [
        Row(what: "surge 0: one old pod goes, one new pod takes its GPU", desired: 2, surge: 0, unavailable: 1, new: (0, 0), old: [(2, 2)], expectNew: 1, expectOld: [1]),
        Row(what: "surge 0: waits while the new pod is not Ready", desired: 2, surge: 0, unavailable: 1, new: (1, 0), old: [(1, 1)], expectNew: 1, expectOld: [1]),
        Row(what: "surge 0: the new pod is Ready, the last old one goes", desired: 2, surge: 0, unavailable: 1, new: (1, 1), old: [(1, 1)], expectNew: 2, expectOld: [0]),
        Row(what: "surge 1, unavailable 0: grow first", desired: 2, surge: 1, unavailable: 0, new: (0, 0), old: [(2, 2)], expectNew: 1, expectOld: [2]),
        Row(what: "surge 1, unavailable 0: shrink once the new pod is Ready", desired: 2, surge: 1, unavailable: 0, new: (1, 1), old: [(2, 2)], expectNew: 2, expectOld: [1]),
        Row(what: "surge 1, unavailable 0: finish", desired: 2, surge: 1, unavailable: 0, new: (2, 2), old: [(1, 1)], expectNew: 2, expectOld: [0]),
        Row(what: "no old revision: straight to desired", desired: 3, surge: 0, unavailable: 1, new: (1, 1), old: [], expectNew: 3, expectOld: []),
        Row(what: "scaled down mid-change: old go first, new capped at desired", desired: 1, surge: 0, unavailable: 1, new: (1, 0), old: [(2, 2)], expectNew: 1, expectOld: [0]),
        Row(what: "old pods that are not Ready go at once", desired: 2, surge: 0, unavailable: 1, new: (0, 0), old: [(2, 0)], expectNew: 2, expectOld: [0]),
        Row(what: "surge 0 and unavailable 0 behaves as unavailable 1", desired: 2, surge: 0, unavailable: 0, new: (0, 0), old: [(2, 2)], expectNew: 1, expectOld: [1]),
        Row(what: "two old revisions: the oldest goes first", desired: 2, surge: 0, unavailable: 1, new: (0, 0), old: [(1, 1), (1, 1)], expectNew: 1, expectOld: [0, 1]),
        Row(what: "scaled to zero", desired: 0, surge: 0, unavailable: 1, new: (1, 1), old: [(1, 1)], expectNew: 0, expectOld: [0]),
        Row(what: "unavailable 2 of 4: two at a time", desired: 4, surge: 0, unavailable: 2, new: (0, 0), old: [(4, 4)], expectNew: 2, expectOld: [2]),
    ]

    @Test(arguments: rows) func step(_ row: Row) {
        let step = RollingUpdate.step(
            desired: row.desired, maxSurge: row.surge, maxUnavailable: row.unavailable,
            new: .init(name: "new", replicas: row.new.0, ready: row.new.1),
            old: row.old.enumerated().map { .init(name: "old\($0.offset)", replicas: $0.element.0, ready: $0.element.1) })
        #expect(step.newReplicas == row.expectNew)
        #expect(step.oldReplicas == row.expectOld)
    }

    /// Walks whole changes (pods turn Ready at once after each step) and checks the invariants:
    /// never more than desired + surge asked for, never fewer than desired − unavailable Ready
    /// (from a fully Ready start), and it finishes.
    @Test(arguments: [(Int32(1), Int32(0), Int32(1)), (2, 0, 1), (3, 0, 1), (4, 1, 0), (5, 2, 2), (8, 0, 3)])
    func aWholeChangeKeepsItsBounds(_ params: (Int32, Int32, Int32)) {
        let (desired, surge, unavailable) = params
        var new = RollingUpdate.Revision(name: "new", replicas: 0, ready: 0)
        var old = [RollingUpdate.Revision(name: "old", replicas: desired, ready: desired)]
        var steps = 0
        while (old.first?.replicas ?? 0) > 0 || new.replicas < desired {
            let step = RollingUpdate.step(desired: desired, maxSurge: surge, maxUnavailable: unavailable, new: new, old: old)
            #expect(step.newReplicas + step.oldReplicas.reduce(0, +) <= desired + surge)
            // Old pods leave at once; new pods are Ready by the next step.
            old[0].replicas = step.oldReplicas[0]
            old[0].ready = step.oldReplicas[0]
            #expect(new.ready + old[0].ready >= desired - max(unavailable, surge == 0 ? 1 : 0))
            new.replicas = step.newReplicas
            new.ready = step.newReplicas
            steps += 1
            if steps > 50 { break }
        }
        #expect(steps <= 50)
        #expect(new.replicas == desired && old[0].replicas == 0)
    }
}
