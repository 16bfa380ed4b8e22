/* The meetings page (moter/): the build splits coming and past meetings by the release date, so
 * that its output stays the same; here they are split again by today's date in the browser.
 * Coming meetings soonest first, past meetings latest first. */
(function () {
  "use strict";
  var upcoming = document.querySelector('[data-meetings="upcoming"]');
  if (!upcoming) return;
  var past = document.querySelector('[data-meetings="past"]');
  var now = new Date();
  var today = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".meeting-teaser[data-date]"));
  var coming = cards.filter(function (card) { return card.dataset.date >= today; });
  var gone = cards.filter(function (card) { return card.dataset.date < today; });
  coming.sort(function (a, b) { return a.dataset.date < b.dataset.date ? -1 : a.dataset.date > b.dataset.date ? 1 : 0; });
  gone.sort(function (a, b) { return a.dataset.date > b.dataset.date ? -1 : a.dataset.date < b.dataset.date ? 1 : 0; });
  function fill(section, list, emptyText) {
    if (!section) return;
    section.querySelectorAll(".meeting-teaser, p.no-meetings").forEach(function (node) { node.remove(); });
    section.querySelectorAll("p").forEach(function (node) { if (/^Ingen /.test(node.textContent)) node.remove(); });
    if (list.length === 0 && emptyText) {
      var note = document.createElement("p");
      note.className = "no-meetings";
      note.textContent = emptyText;
      section.appendChild(note);
    }
    list.forEach(function (card) { section.appendChild(card); });
  }
  fill(upcoming, coming, "Ingen kommende møter er publisert ennå.");
  if (past) {
    fill(past, gone, null);
    past.hidden = gone.length === 0;
  } else if (gone.length > 0) {
    var section = document.createElement("section");
    section.dataset.meetings = "past";
    var heading = document.createElement("h2");
    heading.textContent = "Tidligere møter";
    section.appendChild(heading);
    upcoming.parentNode.insertBefore(section, upcoming.nextSibling);
    fill(section, gone, null);
  }
})();
