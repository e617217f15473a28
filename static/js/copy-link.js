/* "Salin tautan": copies the exact link (or a ready message) to the clipboard. Without JavaScript the
   links still work as plain links and the messages can be selected by hand. */
(function () {
  "use strict";

  function announce(element, text) {
    var status = document.getElementById("copy-status");
    if (status) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
    element.setAttribute("data-copied", "true");
    window.setTimeout(function () { element.removeAttribute("data-copied"); }, 2000);
  }

  function copy(element, text) {
    if (!navigator.clipboard) { return false; }
    navigator.clipboard.writeText(text).then(
      function () { announce(element, "Tautan sudah disalin."); },
      function () { announce(element, "Tidak bisa menyalin; salin tautannya secara manual."); }
    );
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-copy]");
    if (link && copy(link, link.href)) {
      event.preventDefault();
      return;
    }
    var button = event.target.closest("button[data-copy-from]");
    if (button) {
      var source = document.getElementById(button.getAttribute("data-copy-from"));
      if (source) { copy(button, source.value || source.textContent); }
    }
  });

  if (navigator.clipboard) {
    document.querySelectorAll("button[data-copy-from][hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }
})();
