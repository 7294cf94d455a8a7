// Kiosk window only: the staff exit. Ctrl+Shift+E, or pressing and holding the top corner at the start of
// the screen (top left in left-to-right languages) for five seconds, opens the PIN prompt. The launcher
// checks the PIN and slows down wrong ones; the right one closes the kiosk.
"use strict";

(() => {
  const dialog = document.getElementById("staff-exit");
  if (!dialog) return;
  const form = dialog.querySelector("form");
  const input = dialog.querySelector("input");
  const message = dialog.querySelector(".staff-exit-message");
  const HOLD_MS = 5000;
  const CORNER_PX = 80;
  let holdTimer = 0;
  let holdStart = null;

  function open() {
    message.textContent = "";
    input.value = "";
    if (!dialog.open) dialog.showModal();
    input.focus();
  }

  function inStartCorner(event) {
    const rtl = document.documentElement.dir === "rtl";
    const fromStart = rtl ? window.innerWidth - event.clientX : event.clientX;
    return fromStart < CORNER_PX && event.clientY < CORNER_PX;
  }

  function endHold() {
    clearTimeout(holdTimer);
    holdStart = null;
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey && event.shiftKey && event.key.toLowerCase() === "e") {
      event.preventDefault();
      open();
    }
  });

  document.addEventListener("pointerdown", (event) => {
    if (!inStartCorner(event)) return;
    holdStart = { x: event.clientX, y: event.clientY };
    holdTimer = setTimeout(() => { endHold(); open(); }, HOLD_MS);
  });
  document.addEventListener("pointermove", (event) => {
    if (holdStart && Math.hypot(event.clientX - holdStart.x, event.clientY - holdStart.y) > 20) endHold();
  });
  document.addEventListener("pointerup", endHold);
  document.addEventListener("pointercancel", endHold);

  // The PIN goes to the launcher through pywebview's shared state; its answer comes back the same way.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const shared = window.pywebview && window.pywebview.state;
    if (!shared) return;
    shared[dialog.dataset.statePin] = { pin: input.value, id: String(Date.now()) };
    input.value = "";
  });
  function showAnswer(event) {
    if (event.detail.key !== dialog.dataset.statePinResult || !dialog.open) return;
    const result = event.detail.value;
    message.textContent = !result.pinSet ? dialog.dataset.noPin : result.wait ? dialog.dataset.wait : dialog.dataset.wrong;
    input.focus();
  }
  window.addEventListener("pywebviewready", () => window.pywebview.state.addEventListener("change", showAnswer));
  dialog.querySelector(".staff-exit-cancel").addEventListener("click", () => dialog.close());
})();
