// Carnet's editor: images into the text (progressive enhancement; without it the panel links to the media library).
// A picked, dropped or pasted image is sent to the blog's media library (the same upload as the library page, as
// JSON) and written into the text where the cursor is: ![alt](address) in Markdown, <img src alt> in HTML. The
// server decodes and re-encodes every image; this script never trusts or touches the bytes. Served from the jar;
// no framework, no build.
(function () {
  "use strict";
  var panel = document.getElementById("editor-images");
  var body = document.getElementById("body");
  var add = document.getElementById("editor-images-add");
  var file = document.getElementById("editor-image-file");
  var alt = document.getElementById("editor-image-alt");
  var status = document.getElementById("editor-image-status");
  if (!panel || !body || !add || !file || !window.fetch || !window.FormData) {
    return;
  }
  add.hidden = false;
  Array.prototype.forEach.call(panel.querySelectorAll("button[data-insert]"), function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      insert(b.getAttribute("data-insert"), b.getAttribute("data-alt") || "");
    });
  });
  Array.prototype.forEach.call(panel.querySelectorAll("a.no-js-address"), function (a) {
    a.hidden = true;
  });

  function markdown() {
    var chosen = document.querySelector("input[name=format]:checked");
    return !chosen || chosen.value === "markdown";
  }

  function escapeHtml(s) {
    return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // Writes the image where the cursor is, on a line of its own, and leaves the cursor after it.
  function insert(url, text) {
    var snippet = markdown()
      ? "![" + text.replace(/[\[\]\\]/g, "\\$&") + "](" + url + ")"
      : "<img src=\"" + escapeHtml(url) + "\" alt=\"" + escapeHtml(text) + "\">";
    var start = body.selectionStart, end = body.selectionEnd, value = body.value;
    var before = value.slice(0, start), after = value.slice(end);
    var lead = before === "" || /\n$/.test(before) ? "" : "\n\n";
    var tail = after === "" || /^\n/.test(after) ? "\n" : "\n\n";
    body.value = before + lead + snippet + tail + after;
    var at = (before + lead + snippet + tail).length;
    body.focus();
    body.setSelectionRange(at, at);
    body.dispatchEvent(new Event("input", {bubbles: true}));
    say(panel.getAttribute("data-inserted"));
  }

  function say(text) {
    status.textContent = text || "";
  }

  function upload(picked) {
    var data = new FormData();
    data.append("file", picked, picked.name || "image");
    data.append("alt", alt.value);
    say(panel.getAttribute("data-sending"));
    return fetch(panel.getAttribute("data-upload"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: {"Accept": "application/json", "X-CSRF-Token": panel.getAttribute("data-csrf")}
    }).then(function (r) {
      return r.json().then(function (json) {
        if (!r.ok) {
          throw new Error(json && json.error && json.error.message ? json.error.message : "");
        }
        return json;
      });
    }).then(function (image) {
      insert(image.url, image.alt || alt.value);
      alt.value = "";
    }).catch(function (e) {
      say(panel.getAttribute("data-failed") + (e && e.message ? " " + e.message : ""));
    });
  }

  function images(list) {
    var found = [];
    for (var i = 0; list && i < list.length; i++) {
      var f = list[i].getAsFile ? (list[i].kind === "file" ? list[i].getAsFile() : null) : list[i];
      if (f && /^image\//.test(f.type)) {
        found.push(f);
      }
    }
    return found;
  }

  // One after the other, so that they land in the text in the order given.
  function uploadAll(files) {
    return files.reduce(function (done, f) {
      return done.then(function () { return upload(f); });
    }, Promise.resolve());
  }

  file.addEventListener("change", function () {
    uploadAll(images(file.files)).then(function () { file.value = ""; });
  });
  body.addEventListener("dragover", function (e) {
    if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], "Files") >= 0) {
      e.preventDefault();
    }
  });
  body.addEventListener("drop", function (e) {
    var dropped = images(e.dataTransfer && e.dataTransfer.files);
    if (dropped.length > 0) {
      e.preventDefault();
      panel.open = true;
      uploadAll(dropped);
    }
  });
  body.addEventListener("paste", function (e) {
    var pasted = images(e.clipboardData && e.clipboardData.items);
    if (pasted.length > 0) {
      e.preventDefault();
      panel.open = true;
      uploadAll(pasted);
    }
  });
})();
