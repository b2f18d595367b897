#ifndef VIGIL_CGIT2_SHIM_H
#define VIGIL_CGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/repository.h>
#include <git2/sys/odb_backend.h>
#include <zlib.h>

/* git_libgit2_opts is variadic, which Swift cannot call: one non-variadic shim per option used. */

static inline int vigil_git_set_strict_hash_verification(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

static inline int vigil_git_set_strict_object_creation(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}

/* The largest object of a type that libgit2's per-repository object cache keeps. */
static inline int vigil_git_set_cache_object_limit(git_object_t type, size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, bytes);
}

/* An empty search path for one config level (global, XDG, system, ProgramData). */
static inline int vigil_git_clear_config_search_path(int level) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, "");
}

static inline int vigil_git_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}

static inline int vigil_git_set_cache_max_size(size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes);
}

/*
 * An object database backend written in Swift (VigilGit's LooseObjectGuard). libgit2 hands a
 * backend's callbacks a pointer to its git_odb_backend; with that struct first, the same pointer
 * reaches `context`, which holds the Swift side.
 */
typedef struct {
    git_odb_backend parent;
    void *context;
} vigil_odb_backend;

/*
 * zlib, which libgit2 itself links, for reading loose objects: zlib's inflateInit is a macro.
 * (libgit2 1.5 loops forever inflating a truncated loose object; the guard reads them instead.)
 */
static inline int vigil_inflate_init(z_stream *stream) {
    return inflateInit(stream);
}

#endif
