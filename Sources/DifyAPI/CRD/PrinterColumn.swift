import KubeCore

/// One `additionalPrinterColumns` entry: a column of `kubectl get`.
public struct PrinterColumn: Sendable, Equatable {
    /// The column header, e.g. `Phase`.
    public var name: String
    /// `string`, `integer`, `number`, `boolean` or `date` (shown as an age, like `AGE`).
    public var type: String
    /// The one field shown, e.g. `.status.phase` (a JSONPath can only point at one field).
    public var jsonPath: String
    /// What the column means (served with the Table column definitions).
    public var description: String
    /// 0: in the default view; 1: only with `-o wide`.
    public var priority: Int32

    /// A column named `name` showing the field at `jsonPath`.
    public init(_ name: String, type: String = "string", jsonPath: String, description: String, priority: Int32 = 0) {
        self.name = name
        self.type = type
        self.jsonPath = jsonPath
        self.description = description
        self.priority = priority
    }

    /// The `Age` column every kind has (`metadata.creationTimestamp`, shown as an age).
    public static let age = PrinterColumn(
        "Age", type: "date", jsonPath: ".metadata.creationTimestamp", description: "Time since the object was created.")

    /// The entry as the CRD carries it (`priority` only when not 0).
    public var json: JSONValue {
        var j: JSONValue = [
            "name": .string(name), "type": .string(type), "jsonPath": .string(jsonPath), "description": .string(description),
        ]
        if priority != 0 { j["priority"] = .int(Int64(priority)) }
        return j
    }
}
