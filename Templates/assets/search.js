/* The search page (sok/): searches this release's own index (sok/, written by the build; see
 * SearchIndex.swift). A query is split into words and each word reduced to its key (stem, letters
 * folded) by words.js, as the build did with the pages. A word matches, best first:
 *   the form typed (folded: nettverksmote is nettverksmøte) – another form of its stem – a stem
 *   it begins with, a short ending away – a form it begins (utskr…) – and, only when none of
 *   those exist, a form one edit away (a typo, 5 letters or more; "Mente du …?").
 * Words and phrases of one synonym group (synonyms.yml, a party's names) stand for each other.
 * A page must match every word; when no page does, the pages that match most words are shown as
 * partial matches. A word counts more in a title (×5) or a duty (×3) than in running text, and
 * rare words more than common ones; recommendations and checklists rank above list pages.
 * The filters keep pages with any ticked value in each group. A search typed in the header
 * arrives as ?q=…; the address follows the form, so a search can be bookmarked and shared. Only
 * the latest search draws its results, and the list is aria-busy while a search runs. */
(function () {
  "use strict";
  var form = document.getElementById("sok");
  var status = document.getElementById("sok-status");
  var corrected = document.getElementById("sok-rettet");
  var list = document.getElementById("sok-treff");
  if (!form || !status || !list || !window.fetch || !window.MoteplassOrd) return;
  var Ord = window.MoteplassOrd;
  var field = document.getElementById("sok-ord");
  var base = new URL("./", location.href);
  var shown = 20;
  var cache = {};
  var latest = 0;
  /* How much a match counts: the form typed, another form of its stem, a synonym, a stem the word
   * begins with, a form that begins with the word, a form one edit away. */
  var EXACT = 1, STEM = 0.7, SYNONYM = 0.6, BEGINS = 0.5, PREFIX = 0.4, TYPO = 0.3;
  var KIND = { "Anbefaling": 1, "Sjekkliste": 1, "Møte": 0.8, "Side": 0.8, "Sett": 0.6, "Part": 0.6, "Oppgaver": 0.6, "Overgang": 0.6 };

  /* The files of sok/ that exist, from sider.json: a search asks for no other. */
  var exists = null;

  function load(path) {
    if (exists && !exists[path]) return Promise.resolve({});
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, base)).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
    }
    return cache[path];
  }

  function loadPages() {
    return load("sider.json").then(function (pages) {
      if (!exists) {
        exists = { "sider.json": true, "synonymer.json": true };
        (pages.ord || []).forEach(function (name) { exists["ord/" + name + ".json"] = true; });
        (pages.former || []).forEach(function (n) { exists["former/" + n + ".json"] = true; });
        for (var chunk = 0; chunk * pages.tekst < pages.pages.length; chunk++) exists["tekst/" + chunk + ".json"] = true;
      }
      return pages;
    });
  }

  function shard(key) {
    var bytes = new TextEncoder().encode(Array.from(key).slice(0, 2).join(""));
    return "ord/" + Array.from(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("") + ".json";
  }

  function unique(items) {
    return items.filter(function (item, i) { return items.indexOf(item) === i; });
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function ticked(name) {
    return Array.from(form.querySelectorAll("input[name='" + name + "']:checked"), function (box) { return box.value; });
  }

  /* Optimal string alignment distance, stopping early above 1. */
  function withinOneEdit(a, b) {
    if (a === b) return false;
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.slice(i + 1).join("") === b.slice(i + 1).join("")) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2).join("") === b.slice(i + 2).join("");
    }
    var longer = a.length > b.length ? a : b, shorter = a.length > b.length ? b : a;
    return longer.slice(i + 1).join("") === shorter.slice(i).join("");
  }

  /* The query's words: as typed, folded, and their keys. */
  function parse(text) {
    return Ord.words(text).map(function (word) {
      var folded = Ord.fold(word);
      return { word: word, folded: folded, keys: unique([Ord.key(word), Ord.key(folded)]) };
    });
  }

  /* A match: each page's score (0: not found), the pages found, the forms found (for the
   * excerpt), and the correction used. */
  function Match(pageCount) {
    this.scores = new Float64Array(pageCount);
    this.pages = [];
    this.forms = {};
    this.correction = null;
  }
  Match.prototype.score = function (page, value) {
    if (this.scores[page] === 0) this.pages.push(page);
    this.scores[page] += value;
  };
  Match.prototype.empty = function () { return this.pages.length === 0; };

  /* Calls back for every form of an index entry (["form", page, count, …, "form2", …]) with its
   * pages and counts. */
  function eachForm(entry, body) {
    for (var i = 0; i < entry.length;) {
      var form = entry[i++], start = i;
      while (i < entry.length && typeof entry[i] === "number") i += 2;
      body(form, entry.slice(start, i));
    }
  }

  /* Adds an entry's pages, each form weighed by `formWeight` (0 leaves it out), rarer keys more. */
  Match.prototype.add = function (entry, weight, formWeight) {
    var pages = new Uint8Array(this.scores.length), count = 0;
    eachForm(entry, function (form, postings) {
      for (var p = 0; p < postings.length; p += 2) if (!pages[postings[p]]) { pages[postings[p]] = 1; count++; }
    });
    var idf = Math.log(1 + this.scores.length / Math.max(1, count));
    var self = this;
    eachForm(entry, function (form, postings) {
      var w = weight * (formWeight ? formWeight(form) : 1) * idf;
      if (w <= 0) return;
      self.forms[form] = true;
      for (var p = 0; p < postings.length; p += 2) self.score(postings[p], postings[p + 1] * w);
    });
  };

  /* One word of the query. */
  function matchWord(word, pageCount) {
    var paths = unique(word.keys.map(shard).concat(word.folded.length >= 3 ? [shard(word.folded)] : []));
    return Promise.all(paths.map(load)).then(function (loaded) {
      var shards = {};
      paths.forEach(function (path, i) { shards[path] = loaded[i]; });
      var match = new Match(pageCount);
      word.keys.forEach(function (key) {
        var entry = shards[shard(key)][key];
        if (entry) match.add(entry, 1, function (form) { return Ord.fold(form) === word.folded ? EXACT : STEM; });
      });
      if (Array.from(word.folded).length >= 3) {
        var prefixShard = shards[shard(word.folded)];
        var letters = Array.from(word.folded).length;
        Object.keys(prefixShard).forEach(function (key) {
          if (word.keys.indexOf(key) >= 0) return;
          if (key.lastIndexOf(word.folded, 0) === 0) {
            match.add(prefixShard[key], PREFIX, function (form) {
              return Ord.fold(form).lastIndexOf(word.folded, 0) === 0 ? 1 : 0;
            });
          } else if (word.folded.lastIndexOf(key, 0) === 0 && Array.from(key).length >= 4 && letters - Array.from(key).length <= 3) {
            /* The stemmer takes a suffix off some forms and not off others (skjema → skjem,
             * skjemaet → skjema): a key the word begins with, a short ending away, is a stem too. */
            match.add(prefixShard[key], BEGINS);
          }
        });
      }
      if (!match.empty() || Array.from(word.folded).length < 5) return match;
      return matchTypo(word, pageCount);
    });
  }

  /* A word that matched nothing: the forms one edit away. */
  function matchTypo(word, pageCount) {
    var letters = Array.from(word.folded);
    var lengths = [letters.length - 1, letters.length, letters.length + 1];
    return Promise.all(lengths.map(function (n) { return load("former/" + n + ".json"); })).then(function (lists) {
      var candidates = [];
      lists.forEach(function (forms) {
        (Array.isArray(forms) ? forms : []).forEach(function (form) {
          if (withinOneEdit(Array.from(Ord.fold(form)), letters)) candidates.push(form);
        });
      });
      var keys = unique(candidates.map(Ord.key));
      return Promise.all(keys.map(function (key) { return load(shard(key)); })).then(function (shards) {
        var match = new Match(pageCount);
        var counts = {};
        keys.forEach(function (key, i) {
          var entry = shards[i][key];
          if (!entry) return;
          function candidate(form) { return candidates.indexOf(form) >= 0 ? 1 : 0; }
          match.add(entry, TYPO, candidate);
          eachForm(entry, function (form, postings) {
            if (!candidate(form)) return;
            for (var p = 1; p < postings.length; p += 2) counts[form] = (counts[form] || 0) + postings[p];
          });
        });
        /* The correction shown is the most used of the forms found. */
        Object.keys(counts).forEach(function (form) {
          if (match.correction === null || counts[form] > counts[match.correction]) match.correction = form;
        });
        return match;
      });
    });
  }

  /* The pages that have every key of a phrase (a synonym), each key as any of its forms. */
  function matchPhrase(keys, pageCount) {
    return Promise.all(keys.map(function (key) { return load(shard(key)); })).then(function (shards) {
      var matches = keys.map(function (key, i) {
        var match = new Match(pageCount);
        if (shards[i][key]) match.add(shards[i][key], SYNONYM);
        return match;
      });
      return intersect(matches);
    });
  }

  /* The pages every match has, each with the sum of its scores. */
  function intersect(matches) {
    var result = new Match(matches[0].scores.length);
    matches[0].pages.forEach(function (page) {
      if (!matches.every(function (m) { return m.scores[page] > 0; })) return;
      result.score(page, matches.reduce(function (sum, m) { return sum + m.scores[page]; }, 0));
    });
    if (!result.empty()) matches.forEach(function (m) { Object.assign(result.forms, m.forms); });
    return result;
  }

  /* The pages any match has, each with its best score. */
  function best(matches) {
    var result = new Match(matches[0].scores.length);
    matches.forEach(function (m) {
      m.pages.forEach(function (page) {
        if (m.scores[page] > result.scores[page]) result.score(page, m.scores[page] - result.scores[page]);
      });
      Object.assign(result.forms, m.forms);
      if (m.correction && !result.correction) result.correction = m.correction;
    });
    return result;
  }

  /* The query as terms: a run of words that is a member of a synonym group (the longest that
   * fits) stands for the whole group; any other word stands for itself. */
  function terms(words, synonyms) {
    var result = [];
    for (var i = 0; i < words.length;) {
      var found = null;
      synonyms.forEach(function (group) {
        group.forEach(function (member) {
          if (member.length > words.length - i || (found && found.length >= member.length)) return;
          var fits = member.every(function (key, j) { return words[i + j].keys.indexOf(key) >= 0; });
          if (fits) found = { length: member.length, group: group, member: member };
        });
      });
      if (found) {
        result.push({ words: words.slice(i, i + found.length), group: found.group, member: found.member });
        i += found.length;
      } else {
        result.push({ words: [words[i]] });
        i += 1;
      }
    }
    return result;
  }

  function matchTerm(term, pageCount) {
    if (!term.group) return matchWord(term.words[0], pageCount);
    var typed = Promise.all(term.words.map(function (w) { return matchWord(w, pageCount); })).then(intersect);
    var others = term.group.filter(function (member) { return member !== term.member; })
      .map(function (member) { return matchPhrase(member, pageCount); });
    return Promise.all([typed].concat(others)).then(best);
  }

  function hit(token, forms) { return Ord.words(token).some(function (w) { return w in forms; }); }

  /* A title with the words found marked. */
  function marked(title, forms) {
    return title.split(/(\s+)/).map(function (token) {
      return hit(token, forms) ? "<mark>" + escapeHTML(token) + "</mark>" : escapeHTML(token);
    }).join("");
  }

  function excerpt(text, forms) {
    var tokens = text.split(/\s+/);
    var first = tokens.findIndex(function (token) { return hit(token, forms); });
    var start = Math.max(0, first - 10);
    var part = tokens.slice(start, start + 30).map(function (token) {
      return hit(token, forms) ? "<mark>" + escapeHTML(token) + "</mark>" : escapeHTML(token);
    });
    return (start > 0 ? "… " : "") + part.join(" ") + (start + 30 < tokens.length ? " …" : "");
  }

  /* Draws the results at once, and each excerpt as soon as the file its text is in has come; the
   * list is aria-busy until the last excerpt is drawn. */
  function render(results, pages, forms, total, partial, current) {
    list.textContent = "";
    var excerpts = results.map(function (result) {
      var page = pages.pages[result.page];
      var item = document.createElement("li");
      item.className = "search-result";
      var meta = page[2] + (page[3] !== null ? " · " + pages.filters.sett[page[3]] : "") +
        (page[4] !== null ? " · " + pages.filters.status[page[4]] : "");
      var missing = result.missing.length ? '<p class="search-result-missing">Mangler: ' +
        result.missing.map(function (w) { return "<s>" + escapeHTML(w) + "</s>"; }).join(", ") + "</p>" : "";
      item.innerHTML = '<h2 class="search-result-title"><a href="' + escapeHTML(new URL("../" + page[0] + "index.html", base).href) + '">' +
        marked(page[1], forms) + '</a></h2><p class="meta search-result-meta">' + escapeHTML(meta) + "</p>" + missing +
        '<p class="search-result-excerpt"></p>';
      list.appendChild(item);
      var paragraph = item.querySelector(".search-result-excerpt");
      return load("tekst/" + Math.floor(result.page / pages.tekst) + ".json").then(function (texts) {
        if (current === latest) paragraph.innerHTML = excerpt(texts[result.page % pages.tekst] || "", forms);
      });
    });
    var count = total === 1 ? "1 treff" : total + " treff";
    status.textContent = total === 0 ? "Ingen treff." : partial ?
      "Ingen side har alle ordene. " + (total === 1 ? "1 delvis treff" : total + " delvise treff") + " (sidene som har flest av dem)" +
        (total > results.length ? ", de " + results.length + " beste vises." : ".") :
      count + (total > results.length ? ", de " + results.length + " beste vises." : ".");
    return Promise.all(excerpts).then(function () {
      if (current === latest) list.setAttribute("aria-busy", "false");
    });
  }

  function showCorrection(words, matches) {
    var fixed = false;
    var text = words.map(function (word) {
      var correction = null;
      matches.forEach(function (m) { if (m.word === word && m.match.correction) correction = m.match.correction; });
      if (correction) { fixed = true; return correction; }
      return word.word;
    }).join(" ");
    corrected.hidden = !fixed;
    corrected.textContent = "";
    if (!fixed) return;
    var link = document.createElement("a");
    link.href = "?q=" + encodeURIComponent(text);
    link.textContent = text;
    corrected.append("Mente du «", link, "»? Viser treff for det.");
  }

  function search() {
    var current = ++latest;
    var words = parse(field.value);
    var params = new URLSearchParams();
    if (field.value) params.set("q", field.value);
    ["part", "status", "sett"].forEach(function (name) { ticked(name).forEach(function (v) { params.append(name, v); }); });
    history.replaceState(null, "", "?" + params.toString());
    corrected.hidden = true;
    if (words.length === 0) {
      list.textContent = "";
      list.setAttribute("aria-busy", "false");
      status.textContent = field.value ? "Skriv minst to bokstaver." : "";
      return;
    }
    list.setAttribute("aria-busy", "true");
    status.textContent = "Søker …";
    Promise.all([loadPages(), load("synonymer.json")]).then(function (loaded) {
      var pages = loaded[0], synonyms = Array.isArray(loaded[1]) ? loaded[1] : [];
      var parties = ticked("part"), statuses = ticked("status"), sets = ticked("sett");
      function kept(page) {
        if (parties.length && !page[5].some(function (i) { return parties.indexOf(pages.filters.part[i].id) >= 0; })) return false;
        if (statuses.length && (page[4] === null || statuses.indexOf(pages.filters.status[page[4]]) < 0)) return false;
        if (sets.length && (page[3] === null || sets.indexOf(pages.filters.sett[page[3]]) < 0)) return false;
        return true;
      }
      var queryTerms = terms(words, synonyms);
      return Promise.all(queryTerms.map(function (term) { return matchTerm(term, pages.pages.length); })).then(function (matches) {
        if (current !== latest) return;
        var found = new Int32Array(pages.pages.length).fill(-1), results = [];
        matches.forEach(function (match) {
          match.pages.forEach(function (page) {
            if (found[page] < 0) {
              if (!kept(pages.pages[page])) return;
              found[page] = results.length;
              results.push({ page: page, score: 0, terms: 0, missing: [] });
            }
            results[found[page]].score += match.scores[page];
            results[found[page]].terms += 1;
          });
        });
        var most = results.reduce(function (max, r) { return Math.max(max, r.terms); }, 0);
        var partial = most < queryTerms.length;
        results = results.filter(function (r) { return r.terms === most; });
        if (partial) {
          results.forEach(function (r) {
            queryTerms.forEach(function (term, t) {
              if (!(matches[t].scores[r.page] > 0)) r.missing.push(term.words.map(function (w) { return w.word; }).join(" "));
            });
          });
        }
        results.forEach(function (r) { r.score *= KIND[pages.pages[r.page][2]] || 1; });
        results.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
        var forms = {};
        matches.forEach(function (m) { Object.assign(forms, m.forms); });
        showCorrection(words, queryTerms.map(function (term, t) {
          return { word: term.words.length === 1 && !term.group ? term.words[0] : null, match: matches[t] };
        }));
        return render(results.slice(0, shown), pages, forms, results.length, partial && results.length > 0, current);
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
  else { loadPages(); load("synonymer.json"); }
})();
