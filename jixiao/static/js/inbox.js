/* The home page's 待办: the year-end checklist is composed on its own page (it takes a few
   seconds); this brings it into the inbox once the home page is shown. Without this file the
   inbox links to that page instead. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var box = document.getElementById("inbox-checklist");
    if (!box || !box.getAttribute("data-load") || !window.fetch) return;
    var url = box.getAttribute("data-load");
    box.setAttribute("aria-busy", "true");
    fetch(url + (url.indexOf("?") < 0 ? "?" : "&") + "part=1", { credentials: "same-origin" })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.text(); })
      .then(function (html) {
        var found = new DOMParser().parseFromString(html, "text/html").getElementById("inbox-checklist");
        if (found) box.replaceWith(found);
      })
      .catch(function () { box.removeAttribute("aria-busy"); });
  });
})();
