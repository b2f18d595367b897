import VigilGit

/// The dependencies one side of a manifest declares, read from its whole content, or why they could
/// not be: the check then says so rather than staying silent.
enum ManifestSide: Sendable, Hashable {
    /// The file does not exist on this side (added or deleted manifest): it declares nothing.
    case absent
    case parsed([DeclaredDependency])
    /// Not read whole; the reason is said in the findings (`over 1048576 bytes`, `not valid JSON`).
    case unavailable(String)

    /// The reason for a text side the diff was not asked to keep whole.
    static let notKept = "whole content not kept"

    /// Reads one side of `file`: its content as the diff kept it, parsed as `kind`.
    static func read(
        _ content: SideContent, bytes: [UInt8]?, size: Int64, kind: ManifestKind, maxBytes: Int64
    ) -> ManifestSide {
        switch content {
        case .absent: return .absent
        case .binary: return .unavailable("binary")
        case .overLimit: return .unavailable("over the diff's size limit")
        case .unread: return .unavailable("not read: the commit's budget ran out")
        case .unreadable: return .unavailable("unreadable object")
        case .text: break
        }
        guard let bytes else {
            return .unavailable(size > maxBytes ? "over \(maxBytes) bytes" : notKept)
        }
        do {
            return .parsed(try kind.wholeDependencies(bytes))
        } catch {
            return .unavailable(error.reason)
        }
    }
}

/// Why a manifest's whole content could not be read into dependencies.
struct ManifestProblem: Error, Sendable, Hashable {
    var reason: String
}
