import Crypto
import VigilGit

/// The patch id of a commit as `git show --format= --full-index COMMIT | git patch-id --stable`
/// prints it: a hash of the diff alone, whitespace ignored, line numbers ignored, each file hashed
/// on its own and the hashes added up so that the order of the files does not matter. Two commits
/// with the same patch id made the same change: a cherry-pick, a rebase, the same patch applied
/// twice. Nothing of the commit's metadata (message, author, parents) enters it.
public enum PatchID {
    /// The patch id of `commit`, or `nil` for a merge and for a commit whose diff is empty (git
    /// prints nothing for those either). Sides over `maxBlobBytes` count as binary: by blob ids.
    public static func compute(
        _ commit: Commit, in repository: Repository, maxBlobBytes: Int64
    ) throws(GitError) -> String? {
        var hasher = PatchIDHasher()
        guard try repository.patch(commit, maxBlobBytes: maxBlobBytes, line: { hasher.take($0) }) else { return nil }
        return hasher.finish()
    }

    /// The patch id of a patch's text (what `git patch-id --stable` reads on its standard input,
    /// for one commit), or `nil` when it holds no diff.
    public static func of(patchText text: String) -> String? {
        var hasher = PatchIDHasher()
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let end = bytes[index...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
            let keepGoing = bytes[index..<end].withUnsafeBytes { hasher.take($0) }
            if !keepGoing { break }
            index = end
        }
        return hasher.finish()
    }
}

/// `get_one_patchid` of git's `builtin/patch-id.c` in stable, whitespace-ignoring mode, fed one
/// line at a time. Its quirks are kept on purpose, since the point is to equal git's output: the
/// header lines of a file are hashed (without the `index` line), a binary file is hashed by the
/// blob ids of its `index` line, and the `diff` line after a binary file is not hashed.
struct PatchIDHasher {
    private var result = [UInt8](repeating: 0, count: 20)
    private var context = Insecure.SHA1()
    private var patchLength = 0
    private var before = -1
    private var after = -1
    private var binary = false
    private var oldBlob: [UInt8] = []
    private var newBlob: [UInt8] = []
    /// The patch ended (a line that cannot be part of it): later lines are ignored, as git stops.
    private var ended = false

    /// Takes one line with its `\n`; returns `false` once the patch has ended.
    mutating func take(_ line: UnsafeRawBufferPointer) -> Bool {
        guard !ended else { return false }
        let bytes = Array(line)
        // "\ No newline at end of file" is not part of the change.
        if bytes.starts(with: Self.noNewline), bytes.count > 12 { return true }
        if patchLength == 0, !bytes.starts(with: Self.diff) { return true }
        if before == -1 {
            if bytes.starts(with: Self.gitBinaryPatch) || bytes.starts(with: Self.binaryFiles) {
                binary = true
                before = 0
                context.update(data: oldBlob)
                context.update(data: newBlob)
                flushFile()
                return true
            } else if bytes.starts(with: Self.index) {
                readBlobIDs(bytes)
                return true
            } else if bytes.starts(with: Self.oldFile) {
                before = 1
                after = 1
            } else if !(bytes.first.map(Self.isAlpha) ?? false) {
                ended = true
                return false
            }
        }
        if binary {
            if bytes.starts(with: Self.diff) {
                binary = false
                before = -1
            }
            return true
        }
        if before == 0, after == 0 {
            if bytes.starts(with: Self.hunk) {
                scanHunkHeader(bytes)
                return true
            }
            guard bytes.starts(with: Self.diff) else {
                ended = true
                return false
            }
            flushFile()
            before = -1
            after = -1
        }
        let first = bytes.first
        if first == UInt8(ascii: "-") || first == UInt8(ascii: " ") { before -= 1 }
        if first == UInt8(ascii: "+") || first == UInt8(ascii: " ") { after -= 1 }
        let stripped = bytes.filter { !Self.isSpace($0) }
        patchLength += stripped.count
        context.update(data: stripped)
        return true
    }

    /// The id, or `nil` when no diff was seen.
    mutating func finish() -> String? {
        flushFile()
        guard patchLength > 0 else { return nil }
        return result.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }

    /// Adds the current file's hash to the result, byte by byte with carry (git's `flush_one_hunk`).
    private mutating func flushFile() {
        let hash = Array(context.finalize())
        context = Insecure.SHA1()
        var carry: UInt16 = 0
        for index in result.indices {
            carry += UInt16(result[index]) + UInt16(hash[index])
            result[index] = UInt8(truncatingIfNeeded: carry)
            carry >>= 8
        }
    }

    /// `index OLD..NEW[ MODE]`: the blob ids a binary file is hashed by.
    private mutating func readBlobIDs(_ line: [UInt8]) {
        guard let dots = Self.find([UInt8(ascii: "."), UInt8(ascii: ".")], in: line, from: 0) else { return }
        let newStart = dots + 2
        let newEnd =
            line[newStart...].firstIndex(of: UInt8(ascii: " ")) ?? max(newStart, line.count - 1)
        oldBlob = Array(line[Self.index.count..<dots].prefix(64))
        newBlob = Array(line[newStart..<newEnd].prefix(64))
    }

    /// `@@ -a[,b] +c[,d] @@`: the lines each side has left in the hunk (`b` and `d`, 1 when absent).
    private mutating func scanHunkHeader(_ line: [UInt8]) {
        var position = 4
        func digits() -> (value: Int, count: Int) {
            var value = 0
            var count = 0
            while position + count < line.count, let digit = Self.digit(line[position + count]) {
                value = value &* 10 &+ digit
                count += 1
            }
            return (value, count)
        }
        var number = digits()
        if position + number.count < line.count, line[position + number.count] == UInt8(ascii: ",") {
            position += number.count + 1
            number = digits()
            before = number.value
        } else {
            before = 1
        }
        guard number.count > 0, position + number.count + 1 < line.count,
            line[position + number.count] == UInt8(ascii: " "), line[position + number.count + 1] == UInt8(ascii: "+")
        else { return }
        position += number.count + 2
        number = digits()
        if position + number.count < line.count, line[position + number.count] == UInt8(ascii: ",") {
            position += number.count + 1
            number = digits()
            after = number.value
        } else {
            after = 1
        }
    }

    // MARK: - Bytes

    private static let noNewline = Array("\\ ".utf8)
    private static let diff = Array("diff ".utf8)
    private static let index = Array("index ".utf8)
    private static let oldFile = Array("--- ".utf8)
    private static let hunk = Array("@@ -".utf8)
    private static let gitBinaryPatch = Array("GIT binary patch".utf8)
    private static let binaryFiles = Array("Binary files".utf8)

    private static func isAlpha(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    /// C's `isspace` in the C locale.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count + start else { return nil }
        return (start...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
