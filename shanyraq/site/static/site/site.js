/* Progressive enhancement for every public page (no build step).
   Folded facets (<details class="fold" data-open-wide>) open by themselves on a wide screen;
   on a phone they stay folded under the results until the visitor opens them. */
(function () {
  var wide = window.matchMedia("(min-width: 48rem)");
  function unfold() {
    document.querySelectorAll("details[data-open-wide]").forEach(function (d) { d.open = wide.matches; });
  }
  unfold();
  if (wide.addEventListener) wide.addEventListener("change", unfold);
})();
