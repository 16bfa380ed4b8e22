/* The search page (sok/): Pagefind's interface over this release's own index (pagefind/ in the
 * release, written by the build). Results link within the release, wherever it is served from;
 * a search typed in the header arrives as ?q=… */
(function () {
  "use strict";
  var element = document.getElementById("sok");
  if (!element || !window.PagefindUI) return;
  // The release root is two levels above this page (sok/index.html).
  var releaseRoot = new URL("../", location.href).pathname;
  var ui = new window.PagefindUI({
    element: "#sok",
    baseUrl: releaseRoot,
    bundlePath: releaseRoot + "pagefind/",
    showImages: false,
    showSubResults: true,
    resetStyles: false,
    // Each result names its set after the title (the page's data-pagefind-meta="sett").
    processResult: function (result) {
      if (result.meta && result.meta.sett && result.meta.title) result.meta.title = result.meta.title + " · " + result.meta.sett;
      return result;
    },
    translations: {
      placeholder: "Søk i anbefalingene",
      zero_results: "Ingen treff for [SEARCH_TERM]",
      filters_label: "Avgrens",
      clear_search: "Tøm"
    }
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
