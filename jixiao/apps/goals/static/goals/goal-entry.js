/* Live validation of the goal entry form: POST the form to the validate endpoint, show the
   findings inline under each indicator row and in the findings box. Saves nothing; without
   JavaScript the same findings appear after 保存草稿 or 保存并提交. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-validate-url]");
  if (!form) return;
  var timer = null;
  var box = document.getElementById("findings-body");

  function text(tag, cls, value) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    el.textContent = value;
    return el;
  }

  function rowNames() {
    var names = {};
    form.querySelectorAll("tr[data-row]").forEach(function (tr) {
      var input = tr.querySelector("input[name$='-name']");
      if (input && input.value.trim()) names[input.value.trim()] = tr.getAttribute("data-row");
    });
    return names;
  }

  function show(data) {
    var names = rowNames();
    form.querySelectorAll("tr.row-findings").forEach(function (tr) { tr.hidden = true; tr.cells[0].textContent = ""; });
    form.querySelectorAll("tr[data-row]").forEach(function (tr) { tr.classList.remove("has-finding"); });
    box.textContent = "";
    var list = text("ul", "finding-list", "");
    (data.form_errors || []).forEach(function (message) { list.appendChild(text("li", "finding error", message)); });
    data.findings.forEach(function (finding) {
      var li = text("li", "finding " + (finding.error ? "error" : "notice"), "");
      li.appendChild(text("span", "badge" + (finding.error ? " bad" : ""), finding.severity));
      li.appendChild(document.createTextNode(" " + finding.message));
      list.appendChild(li);
      var row = finding.indicator && names[finding.indicator];
      if (row) {
        var holder = form.querySelector("tr[data-findings-for='" + row + "']");
        holder.hidden = false;
        holder.cells[0].appendChild(text("div", finding.error ? "error" : "note", finding.severity + "：" + finding.message));
        form.querySelector("tr[data-row='" + row + "']").classList.add("has-finding");
      }
    });
    if (!list.children.length) box.appendChild(text("p", "ok-text", "未发现问题，可以提交。"));
    else box.appendChild(list);
    form.setAttribute("data-submittable", data.submittable ? "1" : "0");
  }

  function validate() {
    var body = new FormData(form);
    fetch(form.getAttribute("data-validate-url"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(show).catch(function () { /* the server checks again on save */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(validate, 400);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
