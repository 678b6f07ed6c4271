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
}
