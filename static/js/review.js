/* Review keyboard shortcuts: j / k next / previous, p publish, r reject (focuses the reason first).
   On the queue list, j / k move the focus between drafts. Keys typed into a field are left alone.
   Focusing a field of the draft highlights the report's evidence for it. */
(function () {
  "use strict";
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function moveInQueue(step) {
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-queue-item]"));
    if (!items.length) return false;
    var index = items.indexOf(document.activeElement);
    var next = index < 0 ? 0 : Math.min(items.length - 1, Math.max(0, index + step));
    items[next].focus();
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var key = event.key;
    if (key === "j" || key === "k") {
      var link = document.querySelector("a[data-key=" + key + "]");
      if (link) { event.preventDefault(); link.click(); return; }
      if (moveInQueue(key === "j" ? 1 : -1)) event.preventDefault();
    } else if (key === "p") {
      var publish = document.getElementById("publish-form");
      if (publish) { event.preventDefault(); publish.requestSubmit(); }
    } else if (key === "r") {
      var reject = document.getElementById("reject-form");
      if (!reject) return;
      event.preventDefault();
      var reason = reject.querySelector("textarea");
      if (reason && !reason.value.trim()) reason.focus();
      else reject.requestSubmit();
    }
  });

  // Evidence spans are marked with the field they support (class ev-<field>).
  var ALIASES = { location_name: ["location"], actor1: ["actor1"], actor2: ["actor2"] };
  function highlight(name, on) {
    var text = document.getElementById("report-text");
    if (!text || !name) return;
    var names = [name].concat(ALIASES[name] || []);
    var first = null;
    names.forEach(function (field) {
      text.querySelectorAll("mark.ev-" + field).forEach(function (mark) {
        mark.classList.toggle("active", on);
        first = first || mark;
      });
    });
    if (on && first && first.scrollIntoView) first.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.form && event.target.form.id === "draft-form") highlight(event.target.name, true);
  });
  document.addEventListener("focusout", function (event) {
    if (event.target.form && event.target.form.id === "draft-form") highlight(event.target.name, false);
  });
  // A field focused before this (deferred) script ran gets its evidence highlighted too.
  var focused = document.activeElement;
  if (focused && focused.form && focused.form.id === "draft-form") highlight(focused.name, true);
})();
