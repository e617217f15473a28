// «Besok 08.00»: fills the date and time inputs beside the button with the server's tomorrow, 08:00 WIB.
// A static file, so the strict Content-Security-Policy (no inline scripts) still holds; loaded in <head>.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".schedule-tomorrow").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var box = button.closest(".schedule-input");
      box.querySelector(".schedule-date").value = button.dataset.date;
      box.querySelector(".schedule-time").value = button.dataset.time;
    });
  });
});
