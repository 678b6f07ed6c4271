// Small behaviours of our pages, served as a file so that the Content-Security-Policy needs no inline script.
if (!window.awardsScript) {
  window.awardsScript = true;
  // A <select data-autosubmit> (the language switch) submits its form when changed.
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-autosubmit]")) {
      event.target.form.submit();
    }
  });
  // A <button data-print> (a printed list, the overview) opens the browser's print dialog.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) {
      window.print();
    }
  });

  // A background job's page: poll its progress (JSON) and move the bar until it is done or failed.
  var watchJobs = function () {
    document.querySelectorAll("[data-job-progress-url]").forEach(function (box) {
      if (box.dataset.watching) {
        return;
      }
      box.dataset.watching = "1";
      var part = function (name) {
        return box.querySelector("[data-job-" + name + "]");
      };
      var tick = function () {
        fetch(box.dataset.jobProgressUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) {
            return response.json();
          })
          .then(function (job) {
            box.dataset.status = job.status;
            part("bar").value = job.progress;
            part("percent").textContent = job.progress + "%";
            part("status").textContent = job.status_label;
            part("step").textContent = job.step || "";
            if (job.status === "done") {
              if (job.download) {
                part("filename").textContent = job.filename;
                part("download").hidden = false;
              }
              if (job.summary) {
                part("summary").textContent = job.summary;
                part("summary").hidden = false;
              }
            } else if (job.status === "failed") {
              part("error").textContent = job.error;
              part("error").hidden = false;
            } else if (document.body.contains(box)) {
              window.setTimeout(tick, 1000);
            }
          })
          .catch(function () {
            if (document.body.contains(box)) {
              window.setTimeout(tick, 3000);
            }
          });
      };
      if (box.dataset.status === "queued" || box.dataset.status === "running") {
        tick();
      }
    });
  };
  document.addEventListener("turbo:load", watchJobs);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watchJobs);
  } else {
    watchJobs();
  }
}
