/* 支出录入: choosing the 支付指标 shows what the line fixes (支出性质, 项目, 经济分类, 资金来源) and
   stops asking for them. The server derives the same facts from the line, so the form works the
   same without this file. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var line = document.getElementById("id_line");
    var facts = document.getElementById("line-fixes");
    var econField = document.getElementById("econ-field");
    var econ = document.getElementById("id_econ_code");
    if (!line || !facts || !econField || !econ) return;
    var allItems = Array.prototype.map.call(econ.options, function (o) { return o.cloneNode(true); });

    function narrow(prefix, keep) {
      econ.innerHTML = "";
      allItems.forEach(function (o) {
        if (!o.value || !prefix || o.value.indexOf(prefix) === 0) econ.appendChild(o.cloneNode(true));
      });
      econ.value = keep && econ.querySelector('option[value="' + keep + '"]') ? keep : "";
    }

    function update() {
      var option = line.options[line.selectedIndex];
      if (!option || !option.value) {
        facts.hidden = true;
        econField.hidden = false;
        narrow("", econ.value);
        return;
      }
      facts.querySelectorAll("[data-fact]").forEach(function (dd) {
        dd.textContent = option.getAttribute("data-" + dd.getAttribute("data-fact")) || "—";
      });
      facts.hidden = false;
      var code = option.getAttribute("data-econ") || "";
      var fixed = code.length === 5 && allItems.some(function (o) { return o.value === code; });
      if (fixed) {
        narrow(code, code);
        econField.hidden = true;
      } else {
        narrow(code, econ.value);
        econField.hidden = false;
      }
    }
    line.addEventListener("change", update);
    update();
  });
})();
