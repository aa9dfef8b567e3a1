/* Drag and drop onto the upload form: dropped files go into the ordinary <input type=file multiple>. */
(function () {
  "use strict";
  function setUp() {
    document.querySelectorAll("[data-dropzone]").forEach(function (zone) {
      var input = zone.querySelector("input[type=file]");
      var chosen = zone.querySelector("[data-chosen]");
      if (!input) return;
      function show() {
        if (!chosen) return;
        chosen.innerHTML = "";
        Array.prototype.forEach.call(input.files, function (file) {
          var item = document.createElement("li");
          item.textContent = file.name + " (" + Math.ceil(file.size / 1024) + " KB)";
          chosen.appendChild(item);
        });
      }
      ["dragenter", "dragover"].forEach(function (name) {
        zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("over"); });
      });
      ["dragleave", "drop"].forEach(function (name) {
        zone.addEventListener(name, function () { zone.classList.remove("over"); });
      });
      zone.addEventListener("drop", function (event) {
        event.preventDefault();
        if (event.dataTransfer && event.dataTransfer.files.length) {
          input.files = event.dataTransfer.files;
          show();
        }
      });
      input.addEventListener("change", show);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
