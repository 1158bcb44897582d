// Theme filter chips on the testimonial listings. Progressive enhancement: without JavaScript the
// chips stay hidden and every testimonial on the page shows. Chips are toggle buttons
// (aria-pressed); with several pressed, a testimonial shows when it has any of their themes.
// ?theme=<id> in the address (theme pages link that way) presses that chip on arrival.
(function () {
  "use strict";
  var group = document.querySelector(".ns-filter");
  if (!group) return;
  var chips = Array.prototype.slice.call(group.querySelectorAll("button[data-theme]"));
  var items = Array.prototype.slice.call(document.querySelectorAll(".ns-testimonials > li"));
  var status = document.querySelector(".ns-filter__status");

  function pressed() {
    return chips
      .filter(function (c) { return c.getAttribute("aria-pressed") === "true"; })
      .map(function (c) { return c.getAttribute("data-theme"); });
  }

  function apply() {
    var on = pressed();
    var shown = 0;
    items.forEach(function (li) {
      var themes = (li.getAttribute("data-themes") || "").split(" ");
      var show = on.length === 0 || on.some(function (t) { return themes.indexOf(t) >= 0; });
      li.hidden = !show;
      if (show) shown += 1;
    });
    if (status) {
      status.textContent = on.length
        ? "Showing " + shown + " of " + items.length + " testimonials on this page."
        : "";
    }
  }

  var wanted = new URLSearchParams(window.location.search).getAll("theme");
  chips.forEach(function (chip) {
    if (wanted.indexOf(chip.getAttribute("data-theme")) >= 0) chip.setAttribute("aria-pressed", "true");
    chip.addEventListener("click", function () {
      var on = chip.getAttribute("aria-pressed") === "true";
      chip.setAttribute("aria-pressed", on ? "false" : "true");
      apply();
    });
  });
  group.hidden = false;
  apply();
})();
