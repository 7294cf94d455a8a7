// Offline, where the browser has service workers: registers the worker (kiosk/offline.py), says when the
// device is offline or a newer version is ready, and keeps a language offline on request. All wording comes
// from the page (hidden notices and data attributes), translated like every other string.
"use strict";

(() => {
  const script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script) return;
  const workers = navigator.serviceWorker;

  // "You are offline. Everything here still works."
  const offlineNotice = document.querySelector(".notice-offline");
  const showConnection = () => { if (offlineNotice) offlineNotice.hidden = navigator.onLine; };
  window.addEventListener("online", showConnection);
  window.addEventListener("offline", showConnection);
  showConnection();

  // "Reload for the latest cards": the new version waits until the reader asks for it.
  let reloadAsked = false;
  const updateNotice = document.querySelector(".notice-update");
  function offerUpdate(worker) {
    if (!updateNotice) return;
    updateNotice.hidden = false;
    updateNotice.querySelector("button").onclick = () => {
      reloadAsked = true;
      worker.postMessage({ type: "activate" });
    };
  }
  workers.addEventListener("controllerchange", () => { if (reloadAsked) window.location.reload(); });

  workers.register(script.dataset.serviceWorker).then((registration) => {
    if (registration.waiting && workers.controller) offerUpdate(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed" && workers.controller) offerUpdate(worker);
      });
    });
  });

  // "Keep this language offline", beside the language picker, for a language this device does not keep yet.
  const keeper = document.querySelector(".keep-offline");
  if (!keeper) return;
  const ask = (worker, message) => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    worker.postMessage(message, [channel.port2]);
  });
  workers.ready.then(async (registration) => {
    const language = keeper.dataset.language;
    const button = keeper.querySelector("button");
    const status = keeper.querySelector(".keep-offline-status");
    const show = (kept, state) => {
      button.hidden = kept;
      status.textContent = state ? status.dataset[state] : "";
    };
    const { kept } = await ask(registration.active, { type: "is-kept", language });
    keeper.dataset.kept = kept;
    if (kept) return; // nothing to offer
    keeper.hidden = false;
    button.addEventListener("click", async () => {
      button.disabled = true;
      show(false, "saving");
      const answer = await ask(registration.active, { type: "keep", language });
      button.disabled = false;
      show(answer.kept, answer.kept ? "kept" : "failed");
    });
  });
})();
