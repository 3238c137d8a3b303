// Language tabs on the artifact form: without JavaScript every language's fieldset is shown one
// after the other; with it, one tab at a time, opening first the tab that holds an error.
(function () {
  "use strict";
  var tabs = Array.prototype.slice.call(document.querySelectorAll('.language-tabs [role="tab"]'));
  if (!tabs.length) return;
  function show(tab) {
    tabs.forEach(function (other) {
      var selected = other === tab;
      other.setAttribute("aria-selected", selected ? "true" : "false");
      document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
    });
  }
  tabs.forEach(function (tab) {
    tab.addEventListener("click", function () { show(tab); });
  });
  show(document.querySelector('.language-tabs .has-errors') || tabs[0]);
})();
