import CGit2

/// Registers a Swift object as a libgit2 object database backend that answers reads, header reads
/// and, when asked to, abbreviated-id lookups (nothing else: libgit2 skips a backend for the
/// operations it leaves out).
enum OdbBackend {
    /// What libgit2 asks, with the places its answer goes.
    enum Request {
        case header(id: git_oid, length: UnsafeMutablePointer<Int>, type: UnsafeMutablePointer<git_object_t>)
        case object(
            id: git_oid, data: UnsafeMutablePointer<UnsafeMutableRawPointer?>, length: UnsafeMutablePointer<Int>,
            type: UnsafeMutablePointer<git_object_t>, backend: UnsafeMutablePointer<git_odb_backend>)
        /// An abbreviated id: the backend may only check it (answer `GIT_PASSTHROUGH`) or fail it.
        case prefix(id: git_oid, hexLength: Int)
        /// Whether the backend holds the object: answer 1 or 0 (never an error code).
        case exists(id: git_oid)

        var id: git_oid {
            switch self {
            case .header(let id, _, _), .object(let id, _, _, _, _), .prefix(let id, _), .exists(let id): id
            }
        }
    }

    /// The closure behind a backend; libgit2's callbacks reach it through the backend's context.
    private final class Handler {
        let answer: (Request) -> Int32
        let refresh: (() -> Int32)?

        init(_ answer: @escaping (Request) -> Int32, refresh: (() -> Int32)?) {
            self.answer = answer
            self.refresh = refresh
        }
    }

    /// Adds a backend that calls `answer` with `owner` (kept alive until the object database frees
    /// the backend). `answer` returns 0 with the answer filled in, `GIT_PASSTHROUGH` to let the next
    /// backend answer, or an error code. Higher priorities are asked first; every backend added as
    /// an alternate is asked after every one that is not. `refresh`, when given, is called when
    /// libgit2 refreshes the database: after a read found nothing, before it asks every backend again.
    static func add<Owner: AnyObject>(
        _ owner: Owner, to odb: OpaquePointer, priority: Int32, asAlternate: Bool = false,
        checksPrefixes: Bool = false, answersExists: Bool = false, refresh: ((Owner) -> Int32)? = nil,
        answer: @escaping (Owner, Request) -> Int32
    ) throws(GitError) {
        let backend = UnsafeMutablePointer<vigil_odb_backend>.allocate(capacity: 1)
        backend.initialize(to: vigil_odb_backend())
        let code = git_odb_init_backend(&backend.pointee.parent, UInt32(GIT_ODB_BACKEND_VERSION))
        guard code == 0 else {
            backend.deallocate()
            throw GitError.last(code: code, operation: "git_odb_init_backend")
        }
        let refreshOwner = refresh.map { refresh in { refresh(owner) } }
        backend.pointee.context = Unmanaged.passRetained(Handler({ answer(owner, $0) }, refresh: refreshOwner))
            .toOpaque()
        backend.pointee.parent.read = { data, length, type, backend, oid in
            guard let data, let length, let type, let backend, let oid, let handler = OdbBackend.handler(of: backend)
            else {
                return GIT_PASSTHROUGH.rawValue
            }
            return handler.answer(.object(id: oid.pointee, data: data, length: length, type: type, backend: backend))
        }
        backend.pointee.parent.read_header = { length, type, backend, oid in
            guard let length, let type, let backend, let oid, let handler = OdbBackend.handler(of: backend) else {
                return GIT_PASSTHROUGH.rawValue
            }
            return handler.answer(.header(id: oid.pointee, length: length, type: type))
        }
        if checksPrefixes {
            backend.pointee.parent.read_prefix = { _, _, _, _, backend, prefix, length in
                guard let backend, let prefix, let handler = OdbBackend.handler(of: backend) else {
                    return GIT_PASSTHROUGH.rawValue
                }
                return handler.answer(.prefix(id: prefix.pointee, hexLength: length))
            }
        }
        if answersExists {
            backend.pointee.parent.exists = { backend, oid in
                guard let backend, let oid, let handler = OdbBackend.handler(of: backend) else { return 0 }
                return handler.answer(.exists(id: oid.pointee))
            }
        }
        if refresh != nil {
            backend.pointee.parent.refresh = { backend in
                guard let backend, let refresh = OdbBackend.handler(of: backend)?.refresh else { return 0 }
                return refresh()
            }
        }
        backend.pointee.parent.free = { backend in
            guard let backend else { return }
            let owner = UnsafeMutableRawPointer(backend).assumingMemoryBound(to: vigil_odb_backend.self)
            if let context = owner.pointee.context {
                Unmanaged<Handler>.fromOpaque(context).release()
            }
            owner.deinitialize(count: 1)
            owner.deallocate()
        }
        let added = withUnsafeMutablePointer(to: &backend.pointee.parent) { parent in
            asAlternate ? git_odb_add_alternate(odb, parent, priority) : git_odb_add_backend(odb, parent, priority)
        }
        if added < 0 {
            let error = GitError.last(code: added, operation: "git_odb_add_backend")
            backend.pointee.parent.free(&backend.pointee.parent)
            throw error
        }
    }

    private static func handler(of backend: UnsafeMutablePointer<git_odb_backend>) -> Handler? {
        let owner = UnsafeMutableRawPointer(backend).assumingMemoryBound(to: vigil_odb_backend.self)
        guard let context = owner.pointee.context else { return nil }
        return Unmanaged<Handler>.fromOpaque(context).takeUnretainedValue()
    }
}
