/* The party filter on the list of recommendations (anbefalinger/) and on a set's matrix
 * (ansvar/sett/<set>/): shows only the recommendations on the page that give the chosen party a
 * duty (and, in the matrix's lists for phones, only that party's list). Without JavaScript the
 * whole page shows, and the filter does not. */
(function () {
  "use strict";
  var filter = document.querySelector("[data-party-filter]");
  if (!filter) return;
  var select = filter.querySelector("select");
  var status = filter.querySelector("[role=status]");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-parties]"));
  function apply() {
    var party = select.value;
    var shown = 0;
    rows.forEach(function (row) {
      var match = !party || (" " + row.dataset.parties + " ").indexOf(" " + party + " ") >= 0;
      row.hidden = !match;
      if (match) shown += 1;
    });
    document.querySelectorAll(".set-block").forEach(function (block) {
      block.hidden = party !== "" && !block.querySelector("tr[data-parties]:not([hidden])");
    });
    document.querySelectorAll("[data-party]").forEach(function (list) {
      list.hidden = party !== "" && list.dataset.party !== party;
    });
    status.textContent = party ? shown + (shown === 1 ? " anbefaling" : " anbefalinger") : "";
  }
  select.addEventListener("change", apply);
  filter.hidden = false;
  apply();
})();
