#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum FolderListing {
    /// The names in a folder (`.` and `..` included, as `readdir` gives them), or `nil` when it
    /// cannot be opened. Names are decoded as UTF-8 with replacement; callers match them against
    /// ASCII patterns.
    static func names(in folder: [CChar]) -> [String]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            names.append(
                withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                })
        }
        return names
    }
}
