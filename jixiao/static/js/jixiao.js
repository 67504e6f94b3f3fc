/* Small progressive enhancements; every page works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  // A post form is sent once: after the first submit its buttons are disabled until the next page
  // (the server refuses a second post of the same form anyway, by its one-time form token).
  var BUTTONS = "button[type=submit], button:not([type]), input[type=submit]";
  function release(form) {
    form.removeAttribute("data-submitting");
    form.querySelectorAll(BUTTONS).forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.getAttribute("method") || "").toLowerCase() !== "post") return;
    if (form.hasAttribute("data-submitting")) { event.preventDefault(); return; }
    if (event.defaultPrevented) return;
    form.setAttribute("data-submitting", "");
    // Disabled after the browser has taken the clicked button's name and value into the post.
    window.setTimeout(function () {
      form.querySelectorAll(BUTTONS).forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-busy", "true");
      });
    }, 0);
    // A download leaves this page in place: give the buttons back after a while.
    window.setTimeout(function () { release(form); }, 15000);
  });
  // Back to a page kept in the browser's cache: its forms may be used again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.querySelectorAll("form[data-submitting]").forEach(release);
  });

  // A list's box ends at the bottom of the window, so its pinned 合计 row is always in sight
  // (without JavaScript the stylesheet's fixed allowance does the same, less exactly).
  function fitLists() {
    document.querySelectorAll(".table-wrap.list").forEach(function (box) {
      var top = box.getBoundingClientRect().top + window.scrollY;
      var room = window.innerHeight - top - 6;
      if (room >= 160) box.style.maxHeight = room + "px";
    });
  }

  ready(function () {
    fitLists();
    window.addEventListener("resize", fitLists);

    // Year switcher submits on change (the 切换 button remains for no-JS use).
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });

    // Click-to-sort for tables marked .sortable whose headers are not already server-sorted links.
    document.querySelectorAll("table.sortable").forEach(function (table) {
      var headers = table.tHead ? table.tHead.rows[0].cells : [];
      Array.prototype.forEach.call(headers, function (th, index) {
        if (th.querySelector("a")) return;
        th.setAttribute("data-sortable", "");
        th.setAttribute("tabindex", "0");
        th.setAttribute("aria-sort", "none");
        function sort() {
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return r.cells.length > index; });
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          rows.sort(function (a, b) {
            var x = a.cells[index], y = b.cells[index];
            var xs = x.getAttribute("data-sort") || x.textContent.trim();
            var ys = y.getAttribute("data-sort") || y.textContent.trim();
            var xn = parseFloat(xs.replace(/,/g, "")), yn = parseFloat(ys.replace(/,/g, ""));
            var cmp = (!isNaN(xn) && !isNaN(yn)) ? xn - yn : xs.localeCompare(ys, "zh-CN");
            return ascending ? cmp : -cmp;
          });
          rows.forEach(function (r) { body.appendChild(r); });
          Array.prototype.forEach.call(headers, function (h) { if (h.hasAttribute("data-sortable")) h.setAttribute("aria-sort", "none"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        }
        th.addEventListener("click", sort);
        th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
      });
    });

    // 支出录入: the 项目 field only matters for 项目支出; hide it otherwise (it stays in the form).
    var fund = document.querySelector("select[name=fund_type]");
    var project = document.querySelector("select[name=project]");
    if (fund && project) {
      var field = project.closest(".field");
      var toggle = function () {
        var isProject = fund.value === "project";
        field.hidden = !isProject && !project.value && !field.classList.contains("has-error");
      };
      fund.addEventListener("change", toggle);
      toggle();
    }

    // 调剂: say who must approve as soon as both lines are chosen (mirrors the server's rule).
    var form = document.querySelector("form[data-transfer-form]");
    if (form) {
      var source = form.querySelector("select[name=source]");
      var target = form.querySelector("select[name=target]");
      var note = document.getElementById("approval-note");
      function update() {
        var s = source.selectedOptions[0], t = target.selectedOptions[0];
        if (!s || !t || !s.value || !t.value) { note.hidden = true; return; }
        var sBasic = s.getAttribute("data-basic") === "1", tBasic = t.getAttribute("data-basic") === "1";
        var needsBureau = sBasic !== tBasic || (!sBasic && s.getAttribute("data-project") !== t.getAttribute("data-project"));
        note.hidden = false;
        note.className = "approval-note" + (needsBureau ? " bureau" : "");
        note.textContent = needsBureau
          ? "该调剂跨基本支出与项目支出（或跨项目），须经部门负责人和财政局审批。"
          : "该调剂在同类资金内进行，只需部门负责人批准。";
      }
      source.addEventListener("change", update);
      target.addEventListener("change", update);
      update();
    }
  });
})();
