// The import form of the editor UI: sends the chosen file as the request body (so the server
// streams it to disk) with the choices in the query and the session's CSRF token in a header,
// shows the upload's progress, and opens the preview page the server names; problems are
// listed above the form and take the focus. On a job's page it reloads the page while the job
// runs.
(function () {
  "use strict";
  // A job's page while the job runs: reload it every few seconds.
  var running = document.querySelector("[data-reload-seconds]");
  if (running) {
    var seconds = Number(running.getAttribute("data-reload-seconds")) || 2;
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }
  var form = document.getElementById("import-form");
  if (!form) return;
  var errors = document.getElementById("import-errors");
  var bar = document.getElementById("upload-progress");

  function showErrors(list) {
    errors.textContent = "";
    var ul = document.createElement("ul");
    list.forEach(function (error) {
      var li = document.createElement("li");
      var target = document.getElementById(error.field === "consent" ? "consent-elsewhere" : error.field);
      if (target) {
        var a = document.createElement("a");
        a.href = "#" + target.id;
        a.textContent = error.message;
        li.appendChild(a);
      } else {
        li.textContent = error.message;
      }
      ul.appendChild(li);
    });
    errors.appendChild(ul);
    errors.hidden = false;
    errors.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var file = form.elements.file.files[0];
    if (!file) {
      showErrors([{ field: "file", message: form.dataset.errorFile }]);
      return;
    }
    var query = new URLSearchParams();
    var consent = form.querySelector("input[name=consent]:checked");
    query.set("consent", consent ? consent.value : "");
    query.set("source", form.elements.source.value);
    form.querySelectorAll("input[name=update]:checked").forEach(function (box) {
      query.append("update", box.value);
    });
    query.set("create_lists", form.elements.create_lists.checked ? "true" : "false");
    query.set("language", form.elements.language.value);
    query.set("file_name", file.name);
    // One COLUMN=FIELD mapping per line, as `rundbrief import --map` takes them.
    form.elements.map.value.split(/\r?\n/).forEach(function (line) {
      if (line.trim()) query.append("map", line.trim());
    });
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.getAttribute("action") + "?" + query.toString());
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.setRequestHeader("X-CSRF-Token", form.dataset.csrf);
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var percent = Math.round((e.loaded * 100) / e.total);
        bar.value = percent;
        bar.textContent = percent + " %";
      }
    });
    xhr.addEventListener("load", function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status === 201 && body && body.location) {
        window.location.assign(body.location);
      } else if (body && body.errors && body.errors.length) {
        showErrors(body.errors);
      } else {
        showErrors([{ field: "file", message: form.dataset.errorFailed }]);
      }
    });
    xhr.addEventListener("error", function () {
      showErrors([{ field: "file", message: form.dataset.errorFailed }]);
    });
    xhr.send(file);
  });
})();
