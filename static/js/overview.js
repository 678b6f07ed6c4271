// The overview's charts (issue 16): Chart.js from our own static files, data from the page's JSON
// (<script type="application/json" id="overview-data">), never from an inline script.
(function () {
  var palette = ["#b71c1c", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#455a64", "#ad1457"];

  var charts = [];

  function options(extra) {
    var base = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false, // drawn at once: readable when printed
      plugins: { legend: { position: "bottom" } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    };
    return Object.assign(base, extra || {});
  }

  function bars(canvas, labels, datasets, extra) {
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: datasets.map(function (set, i) {
          return Object.assign({ backgroundColor: palette[i % palette.length] }, set);
        }),
      },
      options: options(extra),
    });
  }

  function draw() {
    var source = document.getElementById("overview-data");
    if (!source) {
      return;
    }
    if (!window.Chart) {
      // Chart.js not loaded yet (a page reached through Turbo adds the head's scripts without waiting): draw after.
      var lib = document.querySelector('script[src*="chart.umd.js"]');
      if (lib && !lib.dataset.awWaiting) {
        lib.dataset.awWaiting = "1";
        lib.addEventListener("load", draw);
      }
      return;
    }
    charts.forEach(function (chart) {
      chart.destroy();
    });
    charts = [];
    var data = JSON.parse(source.textContent);
    var t = function (canvas, name) {
      return canvas.getAttribute("data-" + name) || "";
    };
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var kind = canvas.getAttribute("data-chart");
      var label = canvas.getAttribute("aria-label");
      var d = data[kind];
      if (!d || !d.labels.length) {
        canvas.closest(".aw-chart").hidden = true;
        return;
      }
      if (kind === "status") {
        charts.push(bars(canvas, d.labels, [{ label: label, data: d.values }], { plugins: { legend: { display: false } } }));
      } else if (kind === "departments") {
        charts.push(
          bars(
            canvas,
            d.labels,
            [
              { label: t(canvas, "open"), data: d.open },
              { label: t(canvas, "awarded"), data: d.awarded },
              { label: t(canvas, "other"), data: d.other, backgroundColor: "#b0bec5" },
            ],
            { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
          )
        );
      } else if (kind === "awards") {
        charts.push(
          bars(canvas, d.labels, [
            { label: t(canvas, "this"), data: d["this"] },
            { label: t(canvas, "last"), data: d.last, backgroundColor: "#90a4ae" },
          ])
        );
      } else if (kind === "times") {
        charts.push(
          bars(
            canvas,
            d.labels,
            [
              { label: t(canvas, "median"), data: d.median },
              { label: t(canvas, "p90"), data: d.p90, backgroundColor: "#ef9a9a" },
            ],
            { scales: { y: { beginAtZero: true } } }
          )
        );
      } else if (kind === "quotas") {
        charts.push(
          bars(canvas, d.labels, [
            { label: t(canvas, "used"), data: d.used },
            { label: t(canvas, "cap"), data: d.cap, backgroundColor: "#90a4ae" },
          ])
        );
      }
    });
  }

  document.addEventListener("turbo:load", draw);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
  // Before printing, the charts take the paper's width.
  window.addEventListener("beforeprint", function () {
    charts.forEach(function (chart) {
      chart.resize();
    });
  });
})();
