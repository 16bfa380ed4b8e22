import Dispatch

extension Array where Element: Sendable {
    /// `map`, run on all cores (`DispatchQueue.concurrentPerform` is bounded to the core count),
    /// keeping the order of the input. Every stage that handles one item per file or page uses it.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            nonisolated(unsafe) let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: count) { i in
                (base + i).initialize(to: transform(self[i]))
            }
            initializedCount = count
        }
    }

    /// `forEach`, run on all cores.
    public func concurrentForEach(_ body: @Sendable (Element) -> Void) {
        DispatchQueue.concurrentPerform(iterations: count) { i in body(self[i]) }
    }
}
