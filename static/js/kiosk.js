// Progressive enhancement only: every page works without this file.
"use strict";

(() => {
  // Text size: change it in place instead of a round trip, and remember it for the next page. Live pages are links
  // to a server route (aria-current); the static export has no server, so its control is buttons (aria-pressed),
  // hidden until this script runs, and the size is applied here on every page.
  const TEXT_SIZE = /\btext-size-\d\b/;
  // The cookie's name comes from the page (kiosk/views.py TEXT_SIZE_COOKIE), so the server and this script agree.
  const TEXT_SIZE_COOKIE = document.querySelector(".text-size")?.dataset.cookie || "text-size";

  function applyTextSize(size) {
    const root = document.documentElement;
    root.className = `${root.className.replace(TEXT_SIZE, "")} text-size-${size}`.trim();
    for (const control of document.querySelectorAll("[data-text-size]")) {
      const chosen = control.dataset.textSize === size;
      if (control.tagName === "BUTTON") control.setAttribute("aria-pressed", String(chosen));
      else if (chosen) control.setAttribute("aria-current", "true");
      else control.removeAttribute("aria-current");
    }
  }

  document.addEventListener("click", (event) => {
    const control = event.target.closest("[data-text-size]");
    if (!control) return;
    event.preventDefault();
    const size = control.dataset.textSize;
    const list = control.closest(".text-size details");
    if (list && !matchMedia("(min-width: 40em)").matches) list.open = false;  // a phone's list opens over the page
    document.cookie = `${TEXT_SIZE_COOKIE}=${size}; path=/; max-age=31536000; samesite=strict`;
    applyTextSize(size);
  });

  const savedSize = document.cookie.match(new RegExp(`(?:^|;\\s*)${TEXT_SIZE_COOKIE}=([123])\\b`));
  if (savedSize && !document.documentElement.classList.contains(`text-size-${savedSize[1]}`)) applyTextSize(savedSize[1]);
  for (const hidden of document.querySelectorAll(".text-size[hidden], .site-header .search-box[hidden]")) hidden.hidden = false;

  // Keep the page's scroll padding as tall as the sticky report panel, so the control that Tab moves to,
  // or the heading a link jumps to, is never hidden behind the panel.
  {
    const panel = document.querySelector(".report-panel");
    if (panel && "ResizeObserver" in window) {
      new ResizeObserver(([entry]) => {
        const height = entry.borderBoxSize[0].blockSize;
        document.documentElement.style.setProperty("--report-panel-block-size", `${height}px`);
      }).observe(panel);
    }
  }

  // Languages and text size: the lists are sent folded; on wider screens CSS shows them through ::details-content.
  // A browser without that selector opens them there instead (and folds them again if the window narrows).
  {
    const folded = document.querySelectorAll(".language-picker details, .text-size details");
    if (folded.length && !CSS.supports("selector(::details-content)")) {
      const wide = matchMedia("(min-width: 40em)");
      const fold = () => { for (const details of folded) details.open = wide.matches; };
      fold();
      wide.addEventListener("change", fold);
    }
  }
})();
