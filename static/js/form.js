/* The incident form: sub-event choices that follow the event type, actor and place autocomplete
   (JSON endpoints), and a map click that sets the coordinates. The form works without it. */
(function () {
  "use strict";

  function subEvents(scope) {
    var eventSelect = scope.querySelector("select[name=event_type]");
    var subSelect = scope.querySelector("select[name=sub_event_type]");
    if (!eventSelect || !subSelect) return;
    function sync() {
      var chosen = eventSelect.value;
      subSelect.querySelectorAll("optgroup").forEach(function (group) {
        var show = !chosen || group.label === chosen;
        group.hidden = !show;
        group.disabled = !show;
      });
      var selected = subSelect.selectedOptions[0];
      if (selected && selected.parentElement.tagName === "OPTGROUP" && selected.parentElement.disabled) subSelect.value = "";
    }
    eventSelect.addEventListener("change", sync);
    subSelect.addEventListener("change", function () {
      var selected = subSelect.selectedOptions[0];
      if (selected && selected.parentElement.tagName === "OPTGROUP" && !eventSelect.value) {
        eventSelect.value = selected.parentElement.label;
        sync();
      }
    });
    sync();
  }

  function debounce(fn, ms) {
    var timer;
    return function () { var args = arguments; clearTimeout(timer); timer = setTimeout(function () { fn.apply(null, args); }, ms); };
  }

  function autocomplete(form, input) {
    var kind = input.dataset.autocomplete;
    var url = kind === "actor" ? form.dataset.actorUrl : form.dataset.placeUrl;
    var list = document.getElementById(input.getAttribute("list"));
    if (!url || !list) return;
    var results = {};
    var fetchResults = debounce(function () {
      var q = input.value.trim();
      if (q.length < 2) return;
      var params = new URLSearchParams({ q: q });
      fetch(url + "?" + params.toString(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          list.innerHTML = "";
          results = {};
          data.results.forEach(function (item) {
            var option = document.createElement("option");
            if (kind === "actor") {
              option.value = item.name;
              option.label = item.type + (item.country ? " · " + item.country : "");
            } else {
              option.value = item.label;
            }
            results[option.value] = item;
            list.appendChild(option);
          });
        });
    }, 200);
    input.addEventListener("input", function () {
      var item = results[input.value];
      if (kind === "place" && item) { choosePlace(form, input, item); return; }
      if (kind === "place") { var hidden = form.querySelector("input[name=location]"); if (hidden) hidden.value = ""; }
      fetchResults();
    });
  }

  function setValue(form, name, value) {
    var field = form.querySelector("[name=" + name + "]");
    if (field && value !== undefined && value !== null) { field.value = value; field.dispatchEvent(new Event("change")); }
  }

  function choosePlace(form, input, item) {
    input.value = item.name;
    setValue(form, "location", item.id);
    setValue(form, "country_iso", item.country);
    setValue(form, "admin1", item.admin1);
    setValue(form, "admin2", item.admin2);
    setValue(form, "latitude", item.lat);
    setValue(form, "longitude", item.lon);
  }

  function mapPicker(form) {
    var element = form.querySelector("div.map[data-pick]");
    if (!element) return;
    var lat = form.querySelector("[name=latitude]");
    var lon = form.querySelector("[name=longitude]");
    function ready(map) {
      var pin = null;
      function place() {
        var y = parseFloat(lat.value), x = parseFloat(lon.value);
        if (isNaN(y) || isNaN(x)) return;
        if (pin) pin.setLatLng([y, x]); else pin = L.marker([y, x]).addTo(map);
        map.setView([y, x], Math.max(map.getZoom(), 7));
      }
      map.on("click", function (event) {
        lat.value = event.latlng.lat.toFixed(5);
        lon.value = L.Util.wrapNum(event.latlng.lng, [-180, 180], true).toFixed(5);
        place();
      });
      lat.addEventListener("change", place);
      lon.addEventListener("change", place);
      place();
    }
    if (element.leafletMap) ready(element.leafletMap);
    else element.addEventListener("map:ready", function (event) { ready(event.detail.map); });
  }

  function setUp() {
    document.querySelectorAll("[data-subevents]").forEach(subEvents);
    document.querySelectorAll("form.incident-form").forEach(function (form) {
      form.querySelectorAll("input[data-autocomplete]").forEach(function (input) { autocomplete(form, input); });
      mapPicker(form);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
