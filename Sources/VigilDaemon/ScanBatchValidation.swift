import VigilCore

/// Checks a scan child's records before the daemon believes them: the child parsed
/// attacker-controlled objects, so its output is input like any other.
public enum ScanBatchValidation {
    /// Longest protocol line the daemon reads; longer is a broken child.
    public static let maximumLineBytes = 1 << 20

    /// Whether `text` is a full object id (40 lowercase hex digits).
    public static func isObjectID(_ text: String) -> Bool {
        text.utf8.count == 40 && text.utf8.allSatisfy(isLowercaseHex)
    }

    /// Whether an alert record from a child is well formed and about `repository`: a 32-digit id,
    /// a full commit id, and a JSON record that starts with its own schema, id and null seq; a
    /// patch id (40 digits) and link key (64) only together, and only for a check whose findings
    /// may be linked (`LinkKey`), so no record can make the queue link a finding it must raise.
    public static func isValid(_ record: AlertRecord, repository: String) -> Bool {
        hasValidLink(record) && record.id.utf8.count == 32 && record.id.utf8.allSatisfy(isLowercaseHex)
            && isObjectID(record.commit) && record.repository == repository
            && record.json.utf8.count <= maximumLineBytes
            && record.json.hasPrefix("{\"schema\":\"\(Alert.schema)\",\"id\":\"\(record.id)\",\"seq\":null,")
    }

    private static func hasValidLink(_ record: AlertRecord) -> Bool {
        switch (record.patchID, record.linkKey) {
        case (nil, nil): return true
        case (let patchID?, let key?):
            return isObjectID(patchID) && key.utf8.count == 64 && key.utf8.allSatisfy(isLowercaseHex)
                && LinkKey.isLinkable(check: record.check)
        default: return false
        }
    }

    private static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }
}
