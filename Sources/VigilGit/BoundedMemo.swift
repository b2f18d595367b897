/// A dictionary that forgets everything once it holds `capacity` entries: a memo for values that
/// are cheap to recompute and usually asked for again soon, with a hard bound on memory.
struct BoundedMemo<Key: Hashable, Value> {
    private var entries: [Key: Value] = [:]
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    subscript(key: Key) -> Value? {
        get { entries[key] }
        set {
            if newValue != nil, entries.count >= capacity, entries[key] == nil {
                entries.removeAll(keepingCapacity: true)
            }
            entries[key] = newValue
        }
    }
}
