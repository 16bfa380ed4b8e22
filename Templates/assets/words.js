/* Words as the search index holds them (sok/), for assets/search.js: the same splitting, letter
 * folding and Norwegian (bokmål) Snowball stemming that the build does with libstemmer, so that a
 * query word meets the index key of every inflected form (fastlegen, fastlegene → fastleg).
 * A test (Tests/Browser/search_reference.py) checks in Chromium that key() gives the build's key
 * for every word of the index of Content/, the fixture and a generated corpus. */
var MoteplassOrd = (function () {
  "use strict";

  /* Runs of letters and digits in lower case, two characters or more. */
  function words(text) {
    var found = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    return found.filter(function (word) { return Array.from(word).length >= 2; });
  }

  /* æ/ä → ae, ø/ö → o, marks dropped (å → a, é → e), then aa → a. */
  function fold(word) {
    return word.replace(/[æä]/g, "ae").replace(/[øö]/g, "o").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").replace(/aa/g, "a");
  }

  var VOWELS = "aeiouyæåø";
  var S_ENDING = "bcdfghjlmnoprtvyz";
  var MAIN = ["a", "e", "ede", "ande", "ende", "ane", "ene", "hetene", "en", "heten", "ar", "er", "heter",
    "as", "es", "edes", "endes", "enes", "hetenes", "ens", "hetens", "ers", "ets", "et", "het", "ast",
    "s", "erte", "ert"].sort(function (a, b) { return b.length - a.length; });
  var OTHER = ["leg", "eleg", "ig", "eig", "lig", "elig", "els", "lov", "elov", "slov", "hetslov"]
    .sort(function (a, b) { return b.length - a.length; });

  function vowel(c) { return c !== undefined && VOWELS.indexOf(c) >= 0; }

  /* The longest of `suffixes` that ends the word and lies wholly in R1 (from p1 on), as
   * Snowball's `setlimit tomark p1 for ([substring])` finds it. */
  function suffixIn(w, p1, suffixes) {
    for (var i = 0; i < suffixes.length; i++) {
      var s = Array.from(suffixes[i]);
      if (s.length > w.length - p1) continue;
      if (w.slice(w.length - s.length).join("") === suffixes[i]) return s.length;
    }
    return 0;
  }

  /* Snowball's Norwegian stemmer (libstemmer 2.2), on an array of characters. */
  function stem(word) {
    var w = Array.from(word);
    if (w.length < 3) return word;
    var p1 = w.length, i = 0;
    while (i < w.length && !vowel(w[i])) i++;
    while (i < w.length && vowel(w[i])) i++;
    if (i < w.length) p1 = Math.max(i + 1, 3);
    // main_suffix
    var n = suffixIn(w, p1, MAIN);
    if (n > 0) {
      var suffix = w.slice(w.length - n).join("");
      if (suffix === "s") {
        var before = w[w.length - 2];
        if ((before !== undefined && S_ENDING.indexOf(before) >= 0) ||
            (before === "k" && w.length >= 3 && !vowel(w[w.length - 3]))) w = w.slice(0, w.length - 1);
      } else if (suffix === "erte" || suffix === "ert") {
        w = w.slice(0, w.length - n).concat(["e", "r"]);
      } else {
        w = w.slice(0, w.length - n);
      }
    }
    // consonant_pair
    if (suffixIn(w, p1, ["dt", "vt"]) > 0) w = w.slice(0, w.length - 1);
    // other_suffix
    n = suffixIn(w, p1, OTHER);
    if (n > 0) w = w.slice(0, w.length - n);
    return w.join("");
  }

  /* The index key of a word in lower case: folded stem. */
  function key(word) { return fold(stem(word)); }

  return { words: words, fold: fold, stem: stem, key: key };
})();
