/* Leaflet maps of incidents: every <div class="map"> reads its points from a json_script element.
   Markers cluster (leaflet.markercluster); the tile layer is drawn only when MAP_TILE_URL is set. */
(function () {
  "use strict";
  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function popup(point, openLabel) {
    var html = "<strong>" + escapeHtml(point.label) + "</strong>";
    if (point.place) html += "<br>" + escapeHtml(point.place);
    if (point.date) html += "<br>" + escapeHtml(point.date);
    if (point.fatalities !== null && point.fatalities !== undefined) html += " · " + escapeHtml(point.fatalities) + " †";
    if (point.url) html += '<br><a href="' + escapeHtml(point.url) + '">' + escapeHtml(openLabel) + "</a>";
    return html;
  }

  function setUp(element) {
    if (!window.L || element.dataset.ready) return;
    element.dataset.ready = "true";
    var source = document.getElementById(element.dataset.points);
    var points = (source && JSON.parse(source.textContent)) || [];
    // maxZoom on the map itself: without a tile layer, marker clustering needs it.
    var map = L.map(element, { worldCopyJump: true, scrollWheelZoom: false, maxZoom: 18, minZoom: 1 });
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, { maxZoom: 18, attribution: element.dataset.tileAttribution || "" }).addTo(map);
    } else {
      element.classList.add("no-tiles");
    }
    var cluster = L.markerClusterGroup ? L.markerClusterGroup({ showCoverageOnHover: false }) : L.layerGroup();
    var bounds = [];
    points.forEach(function (point) {
      if (point.lat === null || point.lon === null) return;
      var marker = L.marker([point.lat, point.lon], { title: point.label, alt: point.label, keyboard: true });
      marker.bindPopup(popup(point, element.dataset.openLabel || "Open"));
      cluster.addLayer(marker);
      bounds.push([point.lat, point.lon]);
    });
    map.addLayer(cluster);
    if (bounds.length > 1) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 10 });
    else if (bounds.length === 1) map.setView(bounds[0], 8);
    else map.setView([25, 20], 2);
    element.leafletMap = map;
    element.markerLayer = cluster;
    element.dispatchEvent(new CustomEvent("map:ready", { bubbles: true, detail: { map: map } }));
    // A map inside a closed <details> has no size yet: measure again when it is opened.
    var details = element.closest("details");
    if (details) details.addEventListener("toggle", function () { map.invalidateSize(); if (bounds.length > 1) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 10 }); });
  }

  function setUpAll() { document.querySelectorAll("div.map").forEach(setUp); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpAll);
  else setUpAll();
})();
