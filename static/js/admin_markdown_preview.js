// Admin Markdown preview: htmx posts the textarea to the server, which renders it as the site will.
// The CSRF token comes from the admin form; htmx must not add inline styles (strict CSP).
(function () {
  "use strict";
  if (!window.htmx) {
    return;
  }
  window.htmx.config.includeIndicatorStyles = false;
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) {
      event.detail.headers["X-CSRFToken"] = token.value;
    }
  });
})();
