/// Putting problems in the order and form an operator reads them.
extension Array where Element == ConfigProblem {
    /// Sorted by line, stably; problems without a line come last, in their order.
    func inFileOrder() -> [ConfigProblem] {
        enumerated().sorted { left, right in
            switch (left.element.line, right.element.line) {
            case (let a?, let b?): return a != b ? a < b : left.offset < right.offset
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return left.offset < right.offset
            }
        }.map(\.element)
    }

    /// The same problems, each naming `file` unless it already names another: a problem inside a
    /// rule file the config points to carries that file's name, and its line is a line of that file.
    func located(in file: String?) -> [ConfigProblem] {
        map { problem in
            var located = problem
            if located.file == nil { located.file = file }
            return located
        }
    }
}
