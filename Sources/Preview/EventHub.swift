import Foundation
import Synchronization

/// The open pages of a preview, each listening on `/__moteplass/events` (Server-Sent Events).
///
/// `send` reaches every page at once; a page that has gone away is forgotten when its
/// connection ends (its stream is cancelled), and every stream ends when the server stops.
final class EventHub: Sendable {
    private let listeners = Mutex<[UUID: AsyncStream<[UInt8]>.Continuation]>([:])

    /// A new listener's stream of events, starting with a comment so the browser knows it is open.
    func subscribe() -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        continuation.onTermination = { [weak self] _ in self?.listeners.withLock { _ = $0.removeValue(forKey: id) } }
        listeners.withLock { $0[id] = continuation }
        continuation.yield(Array(": moteplass serve\nretry: 500\n\n".utf8))
        return stream
    }

    /// Sends `event` (with `data`, one line) to every open page.
    func send(_ event: String, data: String = "") {
        let bytes = Array("event: \(event)\ndata: \(data)\n\n".utf8)
        for continuation in listeners.withLock({ Array($0.values) }) { continuation.yield(bytes) }
    }

    /// How many pages are listening.
    var listenerCount: Int { listeners.withLock { $0.count } }
}
