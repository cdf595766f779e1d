// Carnet's media library: drag and drop onto the upload form (progressive enhancement; the form works without it).
// Dropped files go into the form's own file input and the form is sent as usual, so the server sees exactly what a
// picked file would send. Served from the jar; no framework, no build.
(function () {
  "use strict";
  var form = document.getElementById("media-upload");
  var zone = document.getElementById("media-drop");
  var input = document.getElementById("media-file");
  var hint = document.getElementById("media-drop-hint");
  var progress = document.getElementById("media-progress");
  if (!form || !zone || !input || !("DataTransfer" in window)) {
    return;
  }
  if (hint) {
    hint.hidden = false;
  }
  function over(e) {
    e.preventDefault();
    zone.classList.add("dragging");
  }
  function leave() {
    zone.classList.remove("dragging");
  }
  zone.addEventListener("dragenter", over);
  zone.addEventListener("dragover", over);
  zone.addEventListener("dragleave", leave);
  zone.addEventListener("drop", function (e) {
    e.preventDefault();
    leave();
    if (!e.dataTransfer || !e.dataTransfer.files || e.dataTransfer.files.length === 0) {
      return;
    }
    input.files = e.dataTransfer.files;
    if (progress && form.dataset.sending) {
      progress.textContent = form.dataset.sending;
    }
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.submit();
    }
  });
})();
