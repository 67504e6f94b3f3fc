/* Irreversible actions (提交并锁定) ask first and name the consequence; without JavaScript the
   consequence is printed beside the button. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
  });
})();
