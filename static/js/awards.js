// Small behaviours of our pages, served as a file so that the Content-Security-Policy needs no inline script.
if (!window.awardsScript) {
  window.awardsScript = true;
  // A <select data-autosubmit> (the language switch) submits its form when changed.
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-autosubmit]")) {
      event.target.form.submit();
    }
  });
}
