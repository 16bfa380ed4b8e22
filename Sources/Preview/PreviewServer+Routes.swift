import FlyingSocks
import Foundation

extension PreviewServer {
    /// Answers `request` on `connection`: the preview's own addresses under `/__moteplass/`, and
    /// the site for everything else. Returns whether the connection may carry another request.
    func answer(_ request: HTTPRequest, on connection: AsyncSocket) async throws -> Bool {
        let response: HTTPResponse
        if request.method != "GET" && request.method != "HEAD" {
            response = .error(.methodNotAllowed, "Bare GET og HEAD er tillatt.", headers: [("Allow", "GET, HEAD")])
        } else if request.path == Self.prefix + "events" {
            try await connection.write(
                HTTPResponse(status: .ok, headers: [("Content-Type", "text/event-stream; charset=utf-8"), ("Cache-Control", "no-store")])
                    .serializedStreamHead())
            if request.method == "GET" { try await streamEvents(to: connection) }
            return false
        } else if request.path == Self.prefix + "live.js" {
            response = HTTPResponse(
                status: .ok, headers: [("Content-Type", "text/javascript; charset=utf-8"), ("Cache-Control", "no-store")],
                body: Data(Self.liveScript.utf8))
        } else if request.path == Self.prefix + "status" {
            response = HTTPResponse(
                status: .ok, headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store")],
                body: Data(statusJSON().utf8))
        } else {
            response = file(for: request.path)
        }
        let keepsAlive = request.keepsAlive && !request.hasBody
        try await connection.write(response.serialized(forHead: request.method == "HEAD", closing: !keepsAlive))
        return keepsAlive
    }

    /// Sends the hub's events on `connection` until the server stops or the client goes away.
    /// The client sends nothing more, so a read ends only when it closes the connection; then the
    /// stream is cancelled, which takes the listener out of the hub.
    private func streamEvents(to connection: AsyncSocket) async throws {
        let events = hub.subscribe()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in events { try await connection.write(Data(event)) }
            }
            group.addTask {
                while true { _ = try await connection.read(atMost: 512) }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// The file of the site at `path`: `index.html` for a folder (a folder's address without its
    /// `/` is redirected to it, so the page's relative links work), the site's 404 page with
    /// status 404 for anything that is not there, never a listing and never anything outside
    /// the site. HTML pages get the live-reload script.
    /// `path` is the request's, percent-decoded once and not otherwise changed.
    func file(for decoded: String) -> HTTPResponse {
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !segments.contains(where: { $0 == ".." || $0.hasPrefix(".") || $0.contains("\0") || $0.contains("\\") }) else {
            return notFound()
        }
        let relative = segments.joined(separator: "/")
        let isFolder = relative.isEmpty || decoded.hasSuffix("/")
        if let (file, build) = siteFile(isFolder ? (relative.isEmpty ? "" : relative + "/") + "index.html" : relative) {
            return response(.ok, file.contents, type: Self.contentType(of: file.path), build: build)
        }
        if !isFolder, siteFile(relative + "/index.html") != nil {
            return HTTPResponse(status: .movedPermanently, headers: [("Location", "/" + relative + "/")])
        }
        return notFound()
    }

    private func notFound() -> HTTPResponse {
        let found = siteFile("404.html")
        let page = found?.file.contents ?? Data("<!DOCTYPE html><title>Finnes ikke</title><p>Siden finnes ikke.</p>".utf8)
        return response(.notFound, page, type: "text/html; charset=utf-8", build: found?.build ?? 0)
    }

    private func response(_ status: HTTPResponse.Status, _ data: Data, type: String, build: Int) -> HTTPResponse {
        let body = type.hasPrefix("text/html") ? Self.addingLiveScript(to: data, build: build) : data
        return HTTPResponse(status: status, headers: [("Content-Type", type), ("Cache-Control", "no-store")], body: body)
    }

    /// The page with `<script src="/__moteplass/live.js">` before `</body>`, telling the build the
    /// page is from: only the preview's pages have it, never a built release.
    static func addingLiveScript(to page: Data, build: Int) -> Data {
        let tag = Data("<script src=\"\(prefix)live.js\" data-build=\"\(build)\" defer></script>\n".utf8)
        guard let end = page.range(of: Data("</body>".utf8), options: .backwards) else { return page + tag }
        var page = page
        page.insert(contentsOf: tag, at: end.lowerBound)
        return page
    }

    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        case "xml": "application/xml; charset=utf-8"
        case "ics": "text/calendar; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webmanifest": "application/manifest+json"
        default: "application/octet-stream"
        }
    }
}
