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
        await server.appendRoute(HTTPRoute("GET *")) { request in self.file(for: request.target.path(percentEncoded: false)) }
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
            return HTTPResponse(statusCode: .movedPermanently, headers: [.location: "/" + relative + "/"], body: Data())
        }
        return notFound()
    }

    private func notFound() -> HTTPResponse {
        let found = siteFile("404.html")
        let page = found?.file.contents ?? Data("<!DOCTYPE html><title>Finnes ikke</title><p>Siden finnes ikke.</p>".utf8)
        return response(.notFound, page, type: "text/html; charset=utf-8", build: found?.build ?? 0)
    }

    private func response(_ status: HTTPStatusCode, _ data: Data, type: String, build: Int) -> HTTPResponse {
        let body = type.hasPrefix("text/html") ? Self.addingLiveScript(to: data, build: build) : data
        return HTTPResponse(statusCode: status, headers: [.contentType: type, .cacheControl: "no-store"], body: body)
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
