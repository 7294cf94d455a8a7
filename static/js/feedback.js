// "Was this useful?" (kiosk/templates/components/feedback_question.html), where JavaScript runs: the answer is
// kept on the device first (IndexedDB, outbox "kiosk-feedback") and sent to the page's collector (its own server,
// or feedback_url in the static export) when the network allows: now, on `online`, on every page load and
// whenever the page is shown again (Background Sync is Chromium-only). Each answer carries an id made here, so
// an answer sent twice is counted once. Without JavaScript the live app's form posts as a normal form.
"use strict";

(() => {
  const DATABASE = "kiosk-feedback";
  const OUTBOX = "outbox";
  const BATCH = 50;

  function openOutbox() {
    return new Promise((resolve, reject) => {
      const opening = indexedDB.open(DATABASE, 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore(OUTBOX, { keyPath: "id" });
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
  }

  async function inOutbox(mode, work) {
    const database = await openOutbox();
    return new Promise((resolve, reject) => {
      const transaction = database.transaction(OUTBOX, mode);
      const request = work(transaction.objectStore(OUTBOX));
      transaction.oncomplete = () => { database.close(); resolve(request && request.result); };
      transaction.onerror = transaction.onabort = () => { database.close(); reject(transaction.error); };
    });
  }

  // A random (version 4) UUID; crypto.randomUUID exists only on https and localhost, the kiosk may be on http.
  function newId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  let sending = null;
  function sendWaiting() {
    if (!sending) sending = trySending().finally(() => { sending = null; });
    return sending;
  }

  async function trySending() {
    const waiting = await inOutbox("readonly", (outbox) => outbox.getAll());
    const byCollector = new Map();
    for (const { to, ...answer } of waiting) {
      if (!byCollector.has(to)) byCollector.set(to, []);
      byCollector.get(to).push(answer);
    }
    for (const [to, answers] of byCollector) {
      for (let start = 0; start < answers.length; start += BATCH) {
        let result;
        try {
          const response = await fetch(to, {
            method: "POST", mode: "cors", credentials: "omit", cache: "no-store",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ answers: answers.slice(start, start + BATCH) }),
          });
          if (!response.ok) break; // the collector is busy or down: they wait for the next try
          result = await response.json();
        } catch (error) {
          break; // no network: they wait
        }
        const done = [...(result.stored || []), ...(result.duplicate || []), ...Object.keys(result.rejected || {})];
        await inOutbox("readwrite", (outbox) => { done.forEach((id) => outbox.delete(id)); });
      }
    }
  }

  function ask(section) {
    const form = section.querySelector(".feedback-form");
    const more = section.querySelector(".feedback-more");
    const thanks = section.querySelector(".feedback-thanks");
    const isStatic = section.hidden;
    section.hidden = false;

    function thank() {
      form.hidden = true;
      thanks.hidden = false;
      thanks.focus();
    }

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const choice = event.submitter ? event.submitter.value : "no";
      const isSend = event.submitter && event.submitter.classList.contains("feedback-send");
      if (choice === "no" && !isSend) {
        form.querySelector(".feedback-answers").hidden = true;
        more.hidden = false;
        more.querySelector("input, textarea").focus();
        return;
      }
      const comment = form.querySelector("textarea");
      const answer = {
        id: newId(), to: section.dataset.feedbackSend, card: section.dataset.feedbackCard,
        language: section.dataset.feedbackLanguage, outlet: section.dataset.feedbackOutlet,
        answer: choice, at: new Date().toISOString(),
        reasons: choice === "no" ? Array.from(form.querySelectorAll("input[name=reasons]:checked"), (box) => box.value) : [],
        comment: choice === "no" && comment ? comment.value.trim() : "",
      };
      try {
        await inOutbox("readwrite", (outbox) => outbox.put(answer));
      } catch (error) {
        if (isStatic) return; // nowhere to keep it, and no server to post to
        const field = Object.assign(document.createElement("input"), { type: "hidden", name: "answer", value: choice });
        form.append(field, Object.assign(document.createElement("input"), { type: "hidden", name: "id", value: answer.id }));
        form.submit(); // the ordinary form post, as without JavaScript
        return;
      }
      thank();
      sendWaiting();
    });
  }

  if (!("indexedDB" in window) || !window.crypto) return; // the live app's form still posts without us
  document.querySelectorAll("[data-feedback-card]").forEach(ask);
  window.addEventListener("online", sendWaiting);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") sendWaiting(); });
  sendWaiting();
})();
