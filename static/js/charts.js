/* Dashboard charts (Chart.js): each <canvas data-chart="key"> draws chart-data[key]. */
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("chart-data");
    if (!source || !window.Chart) return;
    var data = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var series = data[canvas.dataset.chart];
      if (!series) return;
      var line = canvas.dataset.kind === "line";
      // Fatalities outnumber incidents: on the weekly line chart they get their own axis.
      var config = {
        type: line ? "line" : "bar",
        data: {
          labels: series.labels,
          datasets: [
            { label: series.incidentsLabel, data: series.incidents, backgroundColor: "#9b2c2c", borderColor: "#9b2c2c", tension: 0 },
            { label: series.fatalitiesLabel, data: series.fatalities, backgroundColor: "#7d8799", borderColor: "#5b6475", tension: 0 }
          ]
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          indexAxis: line ? "x" : "y",
          scales: line
            ? { y: { beginAtZero: true, position: "left" }, y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } } }
            : { x: { beginAtZero: true } }
        }
      };
      if (line) config.data.datasets[1].yAxisID = "y1";
      new Chart(canvas, config);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
