/*
 * Language tabs for translated fields in the back office.
 *
 * django-modeltranslation's tabbed admin calls jQuery UI's `.tabs()`, which it would load from a
 * CDN; our Content-Security-Policy (and offline installs) forbid that. This is the small part
 * of that interface the tabbed admin uses: `.tabs({active: n})` and `.tabs("option", "active", n)`.
 */
(function ($) {
  "use strict";
  function activate($container, index) {
    var $links = $container.find("> ul > li > a");
    $links.each(function (i, link) {
      var $link = $(link);
      var $panel = $container.find($link.attr("href"));
      var on = i === index;
      $link.attr({ "aria-selected": on ? "true" : "false", tabindex: on ? "0" : "-1", role: "tab" });
      $link.parent().toggleClass("ui-tabs-active ui-state-active", on);
      $panel.attr("role", "tabpanel").toggle(on);
    });
    $container.data("activeTab", index);
  }
  $.fn.tabs = function (options, name, value) {
    if (options === "option") {
      if (value === undefined) return this.first().data("activeTab");
      return this.each(function () { activate($(this), value); });
    }
    return this.each(function () {
      var $container = $(this).addClass("ui-tabs");
      var $list = $container.find("> ul").addClass("ui-tabs-nav").attr("role", "tablist");
      $list.on("click", "a", function (event) {
        event.preventDefault();
        activate($container, $list.find("a").index(this));
      });
      $list.on("keydown", "a", function (event) {
        var $links = $list.find("a"), i = $links.index(this);
        if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
          i = (i + (event.key === "ArrowRight" ? 1 : $links.length - 1)) % $links.length;
          activate($container, i);
          $links.eq(i).trigger("focus");
          event.preventDefault();
        }
      });
      activate($container, (options && options.active) || 0);
    });
  };
})(window.jQuery || django.jQuery);
