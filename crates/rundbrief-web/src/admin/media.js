// The image upload of the editor UI: sends the chosen file as the request body with the alt
// text in the query and the session's CSRF token in a header, then opens the image list with
// the new image's Markdown to paste; a refusal (type, size) is shown above the form and takes
// the focus.
(function () {
  "use strict";
  var form = document.getElementById("media-form");
  if (!form) return;
  var errors = document.getElementById("media-errors");

  function showError(message) {
    errors.textContent = message;
    errors.hidden = false;
    errors.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var file = form.elements.file.files[0];
    if (!file) {
      showError(form.dataset.errorFile);
      return;
    }
    var alt = form.elements.alt.value;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.getAttribute("action") + "?" + new URLSearchParams({ alt: alt }));
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader("X-CSRF-Token", form.dataset.csrf);
    xhr.addEventListener("load", function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status === 201 && body && body.name) {
        var query = new URLSearchParams({ uploaded: body.name, alt: alt });
        window.location.assign(form.getAttribute("action") + "?" + query + "#uploaded-markdown");
      } else {
        showError(body && body.error ? body.error : form.dataset.errorFailed);
      }
    });
    xhr.addEventListener("error", function () { showError(form.dataset.errorFailed); });
    xhr.send(file);
  });
})();
