/* The version switcher and the older-release banner, brought up to date in the browser.
 *
 * A published release is never rewritten, so its pages list only the releases that existed
 * when it was built. This script reads versions.json at the root of the output folder, adds the
 * newer releases to the list, and on a page of a release that is no longer the newest shows
 * "Du leser en eldre utgave", linking to the same page in latest/ when that release has it.
 * Without JavaScript, or opened from disk, the list written at build time still works. */
(function () {
  "use strict";

  var script = document.currentScript;
  var switcher = document.querySelector("[data-version-switcher]");
  var banner = document.querySelector("[data-old-release]");
  var current = document.documentElement.dataset.release;
  if (!script || !switcher || !banner || !current || !window.fetch) return;

  // The release root is where assets/ lies; above it, the output folder holds latest/ and v/.
  var releaseRoot = script.src.replace(/assets\/versions\.js(\?.*)?$/, "");
  var match = releaseRoot.match(/^(.*\/)(latest|v\/[^\/]+)\/$/);
  if (!match) return;
  var outputRoot = match[1];
  var inLatest = match[2] === "latest";
  var page = location.href.split("#")[0].split("?")[0];
  if (page.indexOf(releaseRoot) !== 0) return;
  page = page.slice(releaseRoot.length);
  if (page === "" || page.slice(-1) === "/") page += "index.html";

  function json(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  function addNewerReleases(versions) {
    var list = switcher.querySelector("ul");
    var known = {};
    list.querySelectorAll("li[data-release]").forEach(function (item) { known[item.dataset.release] = true; });
    var first = list.firstElementChild;
    versions.forEach(function (release) {
      if (known[release.version]) return;
      var item = document.createElement("li");
      item.dataset.release = release.version;
      var link = document.createElement("a");
      link.href = outputRoot + release.path + "index.html";
      link.textContent = "Utgave " + release.version;
      var date = document.createElement("span");
      date.className = "meta";
      date.textContent = release.date;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(date);
      // versions.json is newest first, and releases this page does not know are newer.
      list.insertBefore(item, first);
    });
  }

  function showBanner(latest, target) {
    var text = document.createElement("p");
    text.appendChild(document.createTextNode("Du leser en eldre utgave (" + current + "). Gjeldende utgave: "));
    var link = document.createElement("a");
    link.href = target;
    link.textContent = latest.version + (target.slice(-("latest/index.html".length)) === "latest/index.html" ? " (forsiden)" : " (samme side)");
    text.appendChild(link);
    text.appendChild(document.createTextNode("."));
    banner.appendChild(text);
    banner.hidden = false;
  }

  json(outputRoot + "versions.json").then(function (versions) {
    addNewerReleases(versions);
    var latest = versions.filter(function (release) { return release.latest; })[0];
    if (inLatest || !latest || latest.version === current) return;
    return json(outputRoot + latest.path + "manifest.json").then(function (manifest) {
      var has = (manifest.pages || []).indexOf(page) >= 0;
      showBanner(latest, outputRoot + "latest/" + (has ? page : "index.html"));
    }, function () {
      showBanner(latest, outputRoot + "latest/index.html");
    });
  }).catch(function () { /* Opened from disk, or no versions.json: the list from the build stands. */ });
})();
