import CGit2

/// A failed libgit2 call: the operation Vigil attempted, libgit2's return code, and the error class
/// and message libgit2 recorded on the calling thread at the moment of failure.
public struct GitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in terms an operator can act on.
    public enum Kind: Sendable, Hashable {
        /// The object, reference or path does not exist (`GIT_ENOTFOUND`).
        case notFound
        /// The path exists but is not a git repository.
        case notARepository
        /// The process may not read the path.
        case permissionDenied
        /// An object exists in name but its data is missing or fails to parse.
        case corruptObject
        /// Any other libgit2 failure.
        case other
    }

    public var kind: Kind
    /// libgit2's return code (`git_error_code`), 0 when the error did not come from libgit2.
    public var code: Int32
    /// libgit2's error class (`git_error_t`), 0 when none was recorded.
    public var errorClass: Int32
    public var message: String
    /// The libgit2 function or Vigil operation that failed, e.g. `git_commit_lookup`.
    public var operation: String

    public init(kind: Kind, code: Int32 = 0, errorClass: Int32 = 0, message: String, operation: String) {
        self.kind = kind
        self.code = code
        self.errorClass = errorClass
        self.message = message
        self.operation = operation
    }

    public var description: String { "\(operation): \(message)" }
}

/// Throws a `GitError` for a negative libgit2 return code, reading `git_error_last()` at once on
/// this thread (libgit2 keeps the last error per thread, and the next call overwrites it).
@discardableResult
func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(GitError) -> Int32 {
    guard code < 0 else { return code }
    throw GitError.last(code: code, operation: operation())
}

extension GitError {
    /// The error libgit2 recorded for a call that returned `code`. The record is read before
    /// `operation` is evaluated, so building the operation's text can never replace it.
    static func last(code: Int32, operation: @autoclosure () -> String) -> GitError {
        var message = "libgit2 error \(code)"
        var errorClass: Int32 = 0
        if let last = git_error_last(), let text = last.pointee.message {
            message = String(lossyCString: text)
            errorClass = last.pointee.klass
        }
        let operation = operation()
        let kind: Kind
        if code == GIT_ENOTFOUND.rawValue {
            kind = .notFound
        } else if code == GIT_EINVALIDSPEC.rawValue || code == GIT_EPEEL.rawValue || code == GIT_EAMBIGUOUS.rawValue {
            // A request that does not fit the object (a blob asked to be a commit), not damage.
            kind = .other
        } else if GitError.objectDataClasses.contains(errorClass) {
            kind = .corruptObject
        } else {
            kind = .other
        }
        return GitError(kind: kind, code: code, errorClass: errorClass, message: message, operation: operation)
    }

    /// Error classes libgit2 records when an object's stored data cannot be inflated or parsed.
    private static let objectDataClasses: Set<Int32> = [
        Int32(GIT_ERROR_ZLIB.rawValue), Int32(GIT_ERROR_ODB.rawValue), Int32(GIT_ERROR_OBJECT.rawValue),
        Int32(GIT_ERROR_TREE.rawValue), Int32(GIT_ERROR_TAG.rawValue),
    ]
}
