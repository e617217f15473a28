// htmx leaves a 400 or 429 answer unswapped; the feedback box carries its own message for both
// (text too long, too many votes, time for a comment over), so let it replace the box in place.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if (event.detail.target && event.detail.target.id === "umpan-balik" && (status === 400 || status === 429)) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
