// Progressive enhancement only: every page works without this file.
"use strict";

// Text size: change it in place instead of a round trip, and remember it for the next page.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-text-size]");
  if (!link) return;
  event.preventDefault();
  const size = link.dataset.textSize;
  document.cookie = `text-size=${size}; path=/; max-age=31536000; samesite=strict`;
  const root = document.documentElement;
  root.className = root.className.replace(/\btext-size-\d\b/, "") + ` text-size-${size}`;
  root.className = root.className.trim();
  for (const other of document.querySelectorAll("a[data-text-size]")) {
    if (other === link) other.setAttribute("aria-current", "true");
    else other.removeAttribute("aria-current");
  }
});

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
