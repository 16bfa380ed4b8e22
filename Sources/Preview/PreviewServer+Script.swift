extension PreviewServer {
    /// The preview's script in every page: after a good build it fetches the page again and puts
    /// the new body in place of the old (the scroll position stays, and nothing else is loaded
    /// again; a page with scripts of its own, which set up its body, is reloaded instead), and,
    /// while the content has errors, it shows them in a box over the page (file:line, rule, message).
    ///
    /// An event can be missed (sent while the page was loading, or while the stream was being
    /// opened again), so the page also asks for the status whenever the stream opens, and every
    /// two seconds: a good build newer than the page's (`data-build` on the script tag) fetches it.
    static let liveScript = #"""
        (function () {
          "use strict";
          var box = null;
          var shown = Number(document.currentScript && document.currentScript.getAttribute("data-build")) || 0;
          var refreshing = false;
          function hide() { if (box) { box.remove(); box = null; } }
          function show(status) {
            // The same errors are shown once: the box is not drawn (and announced) again.
            if (box && box.isConnected && box.getAttribute("data-build") === String(status.build)) { return; }
            hide();
            box = document.createElement("section");
            box.id = "moteplass-feil";
            box.setAttribute("data-build", String(status.build));
            box.setAttribute("role", "alert");
            box.setAttribute("aria-labelledby", "moteplass-feil-tittel");
            box.style.cssText = "position:fixed;inset:1rem;z-index:2147483647;overflow:auto;background:#fff;color:#1a1a1a;" +
              "border:4px solid #b00020;border-radius:6px;padding:1rem 1.5rem;font:16px/1.5 system-ui,sans-serif;" +
              "box-shadow:0 0 0 100vmax rgba(0,0,0,.45)";
            var title = document.createElement("h2");
            title.id = "moteplass-feil-tittel";
            title.style.cssText = "margin:0 0 .5rem;color:#b00020;font-size:1.3rem";
            title.textContent = "Innholdet har feil: " + status.summary;
            box.appendChild(title);
            var note = document.createElement("p");
            note.textContent = "Siden bak viser forrige gode utgave. Rett feilene og lagre, så forsvinner denne boksen.";
            box.appendChild(note);
            if (status.failure) {
              var failure = document.createElement("p");
              failure.style.fontWeight = "bold";
              failure.textContent = status.failure;
              box.appendChild(failure);
            }
            var list = document.createElement("ul");
            list.style.cssText = "padding-left:1.2rem";
            status.diagnostics.forEach(function (d) {
              var item = document.createElement("li");
              item.className = "moteplass-feil-" + d.severity;
              var where = document.createElement("code");
              where.textContent = d.file + ":" + d.line + ":" + d.column;
              var rule = document.createElement("strong");
              rule.textContent = " " + (d.severity === "error" ? "feil" : "advarsel") + " [" + d.rule + "]: ";
              item.appendChild(where);
              item.appendChild(rule);
              item.appendChild(document.createTextNode(d.message));
              list.appendChild(item);
            });
            box.appendChild(list);
            document.body.appendChild(box);
          }
          function check() {
            fetch("/__moteplass/status", { cache: "no-store" })
              .then(function (response) { return response.json(); })
              .then(function (status) {
                if (status.failed) { show(status); return; }
                hide();
                if (status.build > shown) { refresh(); }
              })
              .catch(function () {});
          }
          function refresh() {
            if (refreshing) { return; }
            refreshing = true;
            fetch(location.href, { cache: "no-store" })
              .then(function (response) {
                if (!response.ok) { throw new Error(String(response.status)); }
                return response.text();
              })
              .then(function (html) {
                var page = new DOMParser().parseFromString(html, "text/html");
                var own = Array.prototype.some.call(page.querySelectorAll("script[src]"), function (script) {
                  var source = script.getAttribute("src");
                  return source.indexOf("/__moteplass/") !== 0 && !/(^|\/)versions\.js$/.test(source);
                });
                if (own) { location.reload(); return; }
                var live = page.querySelector("script[data-build]");
                shown = Math.max(shown, Number(live && live.getAttribute("data-build")) || 0);
                box = null;
                document.title = page.title;
                document.body.replaceWith(document.adoptNode(page.body));
                refreshing = false;
                check();
              })
              .catch(function () { location.reload(); });
          }
          var events = new EventSource("/__moteplass/events");
          events.addEventListener("reload", refresh);
          events.addEventListener("status", check);
          events.addEventListener("open", check);
          setInterval(check, 2000);
          check();
        })();
        """#
}
