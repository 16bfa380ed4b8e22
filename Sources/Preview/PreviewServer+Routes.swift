import FlyingFox
import Foundation

extension PreviewServer {
    /// The preview's own addresses under `/__moteplass/`, and the site for everything else.
    func route(_ server: HTTPServer) async {
        await server.appendRoute(HTTPRoute("GET \(Self.prefix)events")) { _ in
            HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                body: HTTPBodySequence(from: self.hub.subscribe()))
        }
        await server.appendRoute(HTTPRoute("GET \(Self.prefix)live.js")) { _ in
            HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                body: Data(Self.liveScript.utf8))
        }
        await server.appendRoute(HTTPRoute("GET \(Self.prefix)status")) { _ in
            HTTPResponse(
                statusCode: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                body: Data(self.statusJSON().utf8))
        }
        await server.appendRoute(HTTPRoute("GET *")) { request in self.file(for: request.path) }
    }

    /// The file of the site at `path`: `index.html` for a folder, `404.html` with status 404 for
    /// anything that is not there, never a folder listing and never a file outside the site.
    /// HTML pages get the live-reload script.
    func file(for path: String) -> HTTPResponse {
        let root = siteRoot
        let segments = (path.removingPercentEncoding ?? path).split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") || $0.contains("\0") }) else {
            return notFound(root)
        }
        var target = ([root] + segments.map(String.init)).joined(separator: "/")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else { return notFound(root) }
        if isDirectory.boolValue {
            target += "/index.html"
            guard FileManager.default.fileExists(atPath: target) else { return notFound(root) }
        }
        // A link may lead out of the folder; only what resolves inside it is served.
        let resolved = URL(fileURLWithPath: target).resolvingSymlinksInPath().path
        let resolvedRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        guard resolved.hasPrefix(resolvedRoot + "/"), let data = FileManager.default.contents(atPath: resolved) else {
            return notFound(root)
        }
        return response(.ok, data, type: Self.contentType(of: resolved))
    }

    private func notFound(_ root: String) -> HTTPResponse {
        let page =
            FileManager.default.contents(atPath: root + "/404.html")
            ?? Data("<!DOCTYPE html><title>Finnes ikke</title><p>Siden finnes ikke.</p>".utf8)
        return response(.notFound, page, type: "text/html; charset=utf-8")
    }

    private func response(_ status: HTTPStatusCode, _ data: Data, type: String) -> HTTPResponse {
        let body = type.hasPrefix("text/html") ? Self.addingLiveScript(to: data) : data
        return HTTPResponse(statusCode: status, headers: [.contentType: type, .cacheControl: "no-store"], body: body)
    }

    /// The page with `<script src="/__moteplass/live.js">` before `</body>`: only the preview's
    /// pages have it, never a built release.
    static func addingLiveScript(to page: Data) -> Data {
        let tag = Data("<script src=\"\(prefix)live.js\" defer></script>\n".utf8)
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
