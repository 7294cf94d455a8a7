// Quick exit (issue 15), after GOV.UK Frontend's "Exit this page". The button works without this file as a plain
// link; this adds the keyboard shortcut (Shift pressed on its own three times within 5 seconds), its progress
// dots and screen-reader announcements, and on leaving: the page hidden behind a "Loading." alert, and
// location.replace, so the history entry of this page is replaced and Back does not return to it.
"use strict";

(() => {
  const root = document.querySelector(".quick-exit");
  const button = root?.querySelector(".quick-exit-button");
  if (!button) return;
  const status = root.querySelector(".quick-exit-status");
  const dots = root.querySelectorAll(".quick-exit-indicator > span");
  const WINDOW_MS = 5000;  // the three presses fall within this time of the first
  let presses = 0;
  let lastKeyHadShift = false;  // Shift+A fires keyup A (shiftKey) then keyup Shift: that Shift does not count
  let timer = null;
  let clearMessage = null;
  let overlay = null;

  function showProgress() {
    root.classList.toggle("quick-exit-counting", presses > 0);
    dots.forEach((dot, index) => dot.classList.toggle("quick-exit-dot-on", index < presses));
  }

  function leave() {
    window.clearTimeout(timer);
    presses = 0;
    status.textContent = "";
    document.body.classList.add("quick-exit-leaving");
    overlay = document.createElement("div");
    overlay.className = "quick-exit-overlay";
    overlay.setAttribute("role", "alert");
    document.body.append(overlay);
    overlay.textContent = root.dataset.loading;  // after it is in the page: screen readers announce it more surely
    window.location.replace(button.href);
  }

  function expire() {
    timer = null;
    presses = 0;
    showProgress();
    status.textContent = root.dataset.timedOut;
    clearMessage = window.setTimeout(() => { status.textContent = ""; }, WINDOW_MS);
  }

  button.addEventListener("click", (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    leave();
  });

  document.addEventListener("keyup", (event) => {
    if (event.key === "Shift" && !lastKeyHadShift) {
      presses += 1;
      window.clearTimeout(clearMessage);
      showProgress();
      if (presses >= 3) {
        leave();
      } else {
        status.textContent = presses === 1 ? root.dataset.pressTwoMore : root.dataset.pressOneMore;
        if (presses === 1) timer = window.setTimeout(expire, WINDOW_MS);
      }
    } else if (timer !== null && event.key !== "Shift") {
      window.clearTimeout(timer);  // another key in between: start again
      expire();
    }
    lastKeyHadShift = event.shiftKey;
  }, true);

  // A page restored from the back-forward cache would still be hidden behind the overlay.
  window.addEventListener("pageshow", () => {
    document.body.classList.remove("quick-exit-leaving");
    overlay?.remove();
    overlay = null;
    window.clearTimeout(timer);
    window.clearTimeout(clearMessage);
    timer = null;
    presses = 0;
    status.textContent = "";
    showProgress();
  });
})();
