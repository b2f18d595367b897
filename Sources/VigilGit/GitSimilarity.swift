import CGit2

/// Rename similarity as git scores it (`estimate_similarity` over `diffcore_count_changes` in
/// `diffcore-rename.c` and `diffcore-delta.c`): both sides cut into spans ending at a newline or
/// after 64 bytes, each span hashed, and the bytes of the old side found again in the new one,
/// over the larger side's size. libgit2 scores renames its own way; given to it as its similarity
/// metric, this makes it pair the files git pairs (50% or more) and print git's
/// `similarity index`, both of which a patch id hashes.
enum GitSimilarity {
    /// One side: its size and the bytes of each span hash.
    final class Signature {
        let size: Int
        let spans: [UInt32: Int]

        init(_ bytes: UnsafeRawBufferPointer) {
            size = bytes.count
            spans = GitSimilarity.spans(bytes)
        }
    }

    /// The percentage git prints for a rename from `old` to `new`.
    static func percent(_ old: Signature, _ new: Signature) -> Int {
        let maxSize = max(old.size, new.size)
        guard maxSize > 0, new.size > 0 else { return 0 }
        var copied = 0
        for (hash, count) in old.spans { copied += min(count, new.spans[hash] ?? 0) }
        // git's MAX_SCORE is 60000; the percentage is taken from the score, as git rounds it.
        let score = copied * 60_000 / maxSize
        return score * 100 / 60_000
    }

    /// git's `hash_chars`: bytes per span hash. In a text side a CR before LF is skipped.
    static func spans(_ bytes: UnsafeRawBufferPointer) -> [UInt32: Int] {
        let isText = !bytes.prefix(8000).contains(0)
        var counts: [UInt32: Int] = [:]
        var accum1: UInt32 = 0
        var accum2: UInt32 = 0
        var length = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if isText, byte == 0x0D, index < bytes.count, bytes[index] == 0x0A { continue }
            let old1 = accum1
            accum1 = (accum1 << 7) ^ (accum2 >> 25)
            accum2 = (accum2 << 7) ^ (old1 >> 25)
            accum1 &+= UInt32(byte)
            length += 1
            if length < 64, byte != 0x0A { continue }
            counts[(accum1 &+ accum2 &* 0x61) % 107_927, default: 0] += length
            length = 0
            accum1 = 0
            accum2 = 0
        }
        if length > 0 { counts[(accum1 &+ accum2 &* 0x61) % 107_927, default: 0] += length }
        return counts
    }

    /// The metric for `git_diff_find_options.metric`. Signatures are retained Swift objects, freed
    /// by libgit2 through `free_signature`. Work-tree files are never diffed (trees only), so
    /// `file_signature` refuses.
    static func metric() -> git_diff_similarity_metric {
        git_diff_similarity_metric(
            file_signature: { _, _, _, _ in -1 },
            buffer_signature: { out, _, buffer, length, _ in
                guard let out else { return -1 }
                let bytes = UnsafeRawBufferPointer(start: buffer, count: buffer == nil ? 0 : length)
                out.pointee = Unmanaged.passRetained(GitSimilarity.Signature(bytes)).toOpaque()
                return 0
            },
            free_signature: { signature, _ in
                guard let signature else { return }
                Unmanaged<GitSimilarity.Signature>.fromOpaque(signature).release()
            },
            similarity: { score, a, b, _ in
                guard let score, let a, let b else { return -1 }
                score.pointee = Int32(
                    GitSimilarity.percent(
                        Unmanaged<GitSimilarity.Signature>.fromOpaque(a).takeUnretainedValue(),
                        Unmanaged<GitSimilarity.Signature>.fromOpaque(b).takeUnretainedValue()))
                return 0
            },
            payload: nil)
    }
}
