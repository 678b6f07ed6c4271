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
  // viewflow's "Back" buttons (data-history-back, its inline onclick in the original templates): the page before;
  // with the value "refresh", that page is then fetched again (a list the action has changed).
  document.addEventListener("click", function (event) {
    var back = event.target.closest && event.target.closest("[data-history-back]");
    if (back) {
      event.preventDefault();
      window.history.back();
      if (back.dataset.historyBack === "refresh") {
        setTimeout(function () {
          Turbo.visit(".");
        }, 100);
      }
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
  // A date field shows and takes dd/mm/yyyy whatever the browser's language: the browser's own date field follows
  // the browser's language (mm/dd/yyyy in an English one), not the page's. The field becomes a text field (the
  // server reads dd/mm/yyyy as well as the ISO date); its button opens the browser's calendar, whose choice is
  // written back as dd/mm/yyyy. Without this script the browser's date field is used as it is.
  var pad = function (n) {
    return (n < 10 ? "0" : "") + n;
  };
  var shown = function (value) {
    var iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    return iso ? iso[3] + "/" + iso[2] + "/" + iso[1] : value || "";
  };
  var isoOf = function (text) {
    var day = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text || "");
    return day ? day[3] + "-" + pad(+day[2]) + "-" + pad(+day[1]) : "";
  };
  var dateFields = function () {
    // The words come translated from the page (the language switch's script tag).
    var words = (document.querySelector("script[data-choose-date]") || { dataset: {} }).dataset;
    document.querySelectorAll('input[type="date"]:not([data-aw-calendar])').forEach(function (field) {
      var calendar = document.createElement("input");
      calendar.type = "date";
      calendar.tabIndex = -1;
      calendar.className = "aw-date__calendar";
      calendar.setAttribute("aria-hidden", "true");
      calendar.setAttribute("data-aw-calendar", "");
      ["min", "max"].forEach(function (limit) {
        if (field.getAttribute(limit)) {
          calendar.setAttribute(limit, field.getAttribute(limit));
        }
      });
      // The attribute, not the property: a date the browser could not read (31/02/2026) stays as it was typed.
      var typed = field.getAttribute("value") || field.value;
      field.type = "text";
      field.value = shown(typed);
      field.placeholder = words.datePlaceholder || "dd/mm/yyyy";
      field.inputMode = "numeric";
      field.autocomplete = "off";
      field.classList.add("aw-date__field");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "aw-date__button";
      button.setAttribute("aria-label", words.chooseDate || "");
      button.innerHTML = '<i class="material-icons" aria-hidden="true">event</i>';
      button.addEventListener("click", function () {
        calendar.value = isoOf(field.value);
        try {
          calendar.showPicker();
        } catch (error) {
          calendar.focus();
        }
      });
      calendar.addEventListener("change", function () {
        field.value = shown(calendar.value);
        field.dispatchEvent(new Event("change", { bubbles: true }));
      });
      var box = document.createElement("span");
      box.className = "aw-date";
      field.parentNode.insertBefore(box, field);
      box.appendChild(field);
      box.appendChild(button);
      box.appendChild(calendar);
    });
  };
  var ready = function () {
    watchJobs();
    dateFields();
  };
  document.addEventListener("turbo:load", ready);
  document.addEventListener("turbo:render", dateFields);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
}
