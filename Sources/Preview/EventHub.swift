import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// The open pages of a preview, each listening on `/__moteplass/events` (Server-Sent Events).
///
/// `send` reaches every page at once; a page that has gone away is forgotten when its
/// connection ends.
final class EventHub: Sendable {
    private let listeners = Mutex<[UUID: AsyncStream<[UInt8]>.Continuation]>([:])

    /// A new listener's stream of events, starting with a comment so the browser knows it is open.
    func subscribe() -> EventStream {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        continuation.onTermination = { [weak self] _ in self?.listeners.withLock { _ = $0.removeValue(forKey: id) } }
        listeners.withLock { $0[id] = continuation }
        continuation.yield(Array(": moteplass serve\nretry: 500\n\n".utf8))
        return EventStream(stream: stream)
    }

    /// Sends `event` (with `data`, one line) to every open page.
    func send(_ event: String, data: String = "") {
        let bytes = Array("event: \(event)\ndata: \(data)\n\n".utf8)
        for continuation in listeners.withLock({ Array($0.values) }) { continuation.yield(bytes) }
    }

    /// Ends every stream (the server is stopping).
    func close() {
        for continuation in listeners.withLock({ Array($0.values) }) { continuation.finish() }
    }
}

/// The bytes of one page's event stream, as FlyingFox sends a body of unknown length (chunked).
struct EventStream: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(events: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var events: AsyncStream<[UInt8]>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty {
                guard let event = await events.next() else { return nil }
                pending = event[...]
            }
            return pending.popFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
            if pending.isEmpty {
                guard let event = await events.next() else { return nil }
                pending = event[...]
            }
            let buffer = pending.prefix(count)
            pending = pending.dropFirst(buffer.count)
            return buffer
        }
    }
}
