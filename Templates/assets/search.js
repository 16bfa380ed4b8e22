/* The search page (sok/): searches this release's own index (sok/sider.json, sok/ord/, sok/tekst/,
 * written by the build). A query is split into words as the build split the pages: runs of letters
 * and digits, lower case, two characters or more; each word matches every indexed word it begins,
 * and a page must match them all. The filters keep pages with any ticked value in each group.
 * A search typed in the header arrives as ?q=…; the address follows the form, so a search can be
 * bookmarked and shared. Only the latest search draws its results (an earlier one still loading is
 * dropped), and the list is aria-busy while a search runs. */
(function () {
  "use strict";
  var form = document.getElementById("sok");
  var status = document.getElementById("sok-status");
  var list = document.getElementById("sok-treff");
  if (!form || !status || !list || !window.fetch) return;
  var field = document.getElementById("sok-ord");
  var base = new URL("./", location.href);
  var shown = 20;
  var cache = {};
  var latest = 0;

  function load(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, base)).then(function (response) {
        if (response.status === 404) return {};
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
    }
    return cache[path];
  }

  function words(text) {
    var found = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    return found.filter(function (word) { return Array.from(word).length >= 2; });
  }

  function shard(word) {
    var bytes = new TextEncoder().encode(Array.from(word).slice(0, 2).join(""));
    return Array.from(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function ticked(name) {
    return Array.from(form.querySelectorAll("input[name='" + name + "']:checked"), function (box) { return box.value; });
  }

  /* Page number → score, for pages holding every word of the query. */
  function match(query, pages) {
    return Promise.all(query.map(function (word) { return load("ord/" + shard(word) + ".json"); })).then(function (shards) {
      var scores = null;
      query.forEach(function (word, i) {
        var here = {};
        Object.keys(shards[i]).forEach(function (indexed) {
          if (indexed.lastIndexOf(word, 0) !== 0) return;
          var postings = shards[i][indexed];
          var weight = Math.log(1 + pages.length / (postings.length / 2)) * (indexed === word ? 2 : 1);
          for (var p = 0; p < postings.length; p += 2) here[postings[p]] = (here[postings[p]] || 0) + postings[p + 1] * weight;
        });
        if (scores === null) { scores = here; return; }
        var both = {};
        Object.keys(scores).forEach(function (page) { if (page in here) both[page] = scores[page] + here[page]; });
        scores = both;
      });
      return scores || {};
    });
  }

  function excerpt(text, query) {
    var tokens = text.split(/\s+/);
    var first = tokens.findIndex(function (token) {
      return words(token).some(function (w) { return query.some(function (q) { return w.lastIndexOf(q, 0) === 0; }); });
    });
    var start = Math.max(0, first - 10);
    var part = tokens.slice(start, start + 30).map(function (token) {
      var hit = words(token).some(function (w) { return query.some(function (q) { return w.lastIndexOf(q, 0) === 0; }); });
      return hit ? "<mark>" + escapeHTML(token) + "</mark>" : escapeHTML(token);
    });
    return (start > 0 ? "… " : "") + part.join(" ") + (start + 30 < tokens.length ? " …" : "");
  }

  function render(results, pages, query, total, current) {
    var chunks = {};
    results.forEach(function (number) { chunks[Math.floor(number / 100)] = true; });
    return Promise.all(Object.keys(chunks).map(function (chunk) {
      return load("tekst/" + chunk + ".json").then(function (texts) { chunks[chunk] = texts; });
    })).then(function () {
      if (current !== latest) return;
      list.textContent = "";
      results.forEach(function (number) {
        var page = pages.pages[number];
        var item = document.createElement("li");
        item.className = "search-result";
        var meta = page[2] + (page[3] !== null ? " · " + pages.filters.sett[page[3]] : "") +
          (page[4] !== null ? " · " + pages.filters.status[page[4]] : "");
        item.innerHTML = '<h2 class="search-result-title"><a href="' + escapeHTML(new URL("../" + page[0] + "index.html", base).href) + '">' +
          escapeHTML(page[1]) + '</a></h2><p class="meta search-result-meta">' + escapeHTML(meta) + "</p>" +
          '<p class="search-result-excerpt">' + excerpt(chunks[Math.floor(number / 100)][number % 100] || "", query) + "</p>";
        list.appendChild(item);
      });
      status.textContent = total === 0 ? "Ingen treff." :
        (total === 1 ? "1 treff." : total + " treff" + (total > results.length ? ", de " + results.length + " beste vises." : "."));
      list.setAttribute("aria-busy", "false");
    });
  }

  function search() {
    var current = ++latest;
    var query = words(field.value);
    var params = new URLSearchParams();
    if (field.value) params.set("q", field.value);
    ["part", "status", "sett"].forEach(function (name) { ticked(name).forEach(function (v) { params.append(name, v); }); });
    history.replaceState(null, "", "?" + params.toString());
    if (query.length === 0) {
      list.textContent = "";
      list.setAttribute("aria-busy", "false");
      status.textContent = field.value ? "Skriv minst to bokstaver." : "";
      return;
    }
    list.setAttribute("aria-busy", "true");
    status.textContent = "Søker …";
    load("sider.json").then(function (pages) {
      var parties = ticked("part"), statuses = ticked("status"), sets = ticked("sett");
      function kept(page) {
        if (parties.length && !page[5].some(function (i) { return parties.indexOf(pages.filters.part[i].id) >= 0; })) return false;
        if (statuses.length && (page[4] === null || statuses.indexOf(pages.filters.status[page[4]]) < 0)) return false;
        if (sets.length && (page[3] === null || sets.indexOf(pages.filters.sett[page[3]]) < 0)) return false;
        return true;
      }
      return match(query, pages.pages).then(function (scores) {
        var found = Object.keys(scores).map(Number).filter(function (n) { return kept(pages.pages[n]); });
        found.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
        return render(found.slice(0, shown), pages, query, found.length, current);
      });
    }).catch(function () {
      if (current !== latest) return;
      list.setAttribute("aria-busy", "false");
      status.textContent = "Søket kunne ikke lastes. Åpne nettstedet fra en nettserver, ikke som fil.";
    });
  }

  var params = new URLSearchParams(location.search);
  field.value = params.get("q") || "";
  ["part", "status", "sett"].forEach(function (name) {
    params.getAll(name).forEach(function (value) {
      form.querySelectorAll("input[name='" + name + "']").forEach(function (box) { if (box.value === value) box.checked = true; });
    });
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
  form.addEventListener("change", function (event) { if (event.target.type === "checkbox") search(); });
  var timer;
  field.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 200); });
  if (field.value || params.has("part") || params.has("status") || params.has("sett")) search();
})();
