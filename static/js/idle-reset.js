// Kiosk window only: when nobody has touched the screen for a while, ask "Are you still there?", count
// down (at least 20 s, WCAG 2.2.1), and if nobody answers go back to the home page in the default
// language with the default text size, at the top, with nothing typed. Any touch, key or scroll counts
// as an answer. The launcher is told of activity, so it can reset the window itself if this script fails.
// At rest (that home page, normal text size, at the top, nothing open or typed) there is nothing to reset,
// so there is no notice: an unattended kiosk is not dimmed by it again and again.
"use strict";

(() => {
  const notice = document.getElementById("idle-notice");
  if (!notice) return;
  const idleMs = Number(notice.dataset.idleSeconds) * 1000;
  const warningSeconds = Number(notice.dataset.warningSeconds);
  const secondsLeft = notice.querySelector(".idle-seconds-left");
  let idleTimer = 0;
  let countdownTimer = 0;
  let left = 0;
  let lastReport = 0;

  function tellLauncher() {
    const shared = window.pywebview && window.pywebview.state;
    if (!shared || Date.now() - lastReport < 2000) return;
    lastReport = Date.now();
    shared[notice.dataset.stateActivity] = lastReport;
  }

  function startIdleTimer() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(warn, idleMs);
  }

  function untouched(field) {
    return field.value === field.defaultValue && field.checked === field.defaultChecked;
  }

  function atRest() {
    return location.pathname === new URL(notice.dataset.home, location.href).pathname
      && !location.search && !location.hash
      && document.documentElement.classList.contains("text-size-1")
      && window.scrollX === 0 && window.scrollY === 0
      && !document.querySelector("dialog[open]")
      && [...document.querySelectorAll("input, textarea")].every(untouched);
  }

  function warn() {
    if (atRest()) {
      tellLauncher(); // this script is alive and the page needs nothing: no reset from the launcher either
      startIdleTimer();
      return;
    }
    left = warningSeconds;
    secondsLeft.textContent = String(left);
    notice.showModal();
    countdownTimer = setInterval(tick, 1000);
  }

  function tick() {
    left -= 1;
    secondsLeft.textContent = String(Math.max(left, 0));
    if (left <= 0) reset();
  }

  function stay() {
    clearInterval(countdownTimer);
    if (notice.open) notice.close();
    startIdleTimer();
    tellLauncher();
  }

  function reset() {
    clearInterval(countdownTimer);
    document.cookie = "text-size=; path=/; max-age=0; samesite=strict";
    for (const form of document.forms) form.reset();
    window.scrollTo(0, 0);
    location.replace(notice.dataset.home);
  }

  for (const type of ["pointerdown", "keydown", "wheel", "scroll", "touchstart"]) {
    window.addEventListener(type, stay, { capture: true, passive: true });
  }
  notice.addEventListener("cancel", (event) => { event.preventDefault(); stay(); });
  notice.querySelector(".idle-stay").addEventListener("click", stay);
  startIdleTimer();
})();
