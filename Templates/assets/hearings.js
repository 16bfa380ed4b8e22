/* The open consultations (front page, horinger/): the build counts the days left to each deadline
 * from the release date, so that its output stays the same; here they are counted again from
 * today's date in the browser, and a consultation whose deadline has passed is hidden. The words
 * are those of HearingView.daysLeftLabel. */
(function () {
  "use strict";
  var now = new Date();
  var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  function day(text) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    return parts ? Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])) : null;
  }
  function label(days) {
    if (days < 0) return "fristen er ute";
    if (days === 0) return "siste dag i dag";
    if (days === 1) return "1 dag igjen";
    return days + " dager igjen";
  }
  document.querySelectorAll('[data-hearings="open"]').forEach(function (section) {
    var shown = 0;
    section.querySelectorAll(".hearing-item").forEach(function (item) {
      var deadline = day(item.dataset.deadline);
      if (deadline === null) { shown += 1; return; }
      var days = Math.round((deadline - today) / 86400000);
      item.hidden = days < 0;
      if (days >= 0) shown += 1;
      var left = item.querySelector(".days-left");
      if (left) left.textContent = label(days);
    });
    var none = section.querySelector(".no-hearings");
    if (none) none.hidden = shown > 0;
  });
})();
