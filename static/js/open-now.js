// Who to call now, kept current: the same rules as kiosk/contacts_now.py, on the clock of the contacts' time
// zone (Europe/London), never the device's own. The page carries the plan (the hours, the closed days with the
// bank holidays baked in, and the dates between which they are known) on the report panel, so this works in the
// static export and offline too. Outside those dates nothing is marked. Checked again each minute, when the page
// is shown again (screen wake, back/forward, the kiosk's idle reset) and when the tab becomes visible.
"use strict";

(() => {
  const panel = document.querySelector(".report-panel[data-open-plan]");
  if (!panel) return;
  let plan;
  try { plan = JSON.parse(panel.dataset.openPlan); } catch { return; }
  const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const wallClock = new Intl.DateTimeFormat("en-GB", {
    timeZone: plan.timezone, hourCycle: "h23", weekday: "short",
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
  });
  const minutes = (clock) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

  function wall(now) {
    const parts = Object.fromEntries(wallClock.formatToParts(now).map((p) => [p.type, p.value]));
    return {
      date: `${parts.year}-${parts.month}-${parts.day}`,
      day: DAYS.indexOf(parts.weekday.slice(0, 3).toLowerCase()),
      minute: (Number(parts.hour) % 24) * 60 + Number(parts.minute),
    };
  }

  // A span whose start is later than its end ("Monday to Friday, 5pm to 9am") covers, on each day listed,
  // the early hours up to its end and the evening from its start: 8am on a Monday is out of hours.
  function inHours(hours, day, minute) {
    return hours.some(([days, from, to]) => {
      const start = minutes(from);
      const end = minutes(to);
      if (!days.includes(DAYS[day])) return false;
      return start < end ? start <= minute && minute < end : minute >= start || minute < end;
    });
  }

  function openNow(now) {
    const { date, day, minute } = wall(now);
    if (day < 0 || date < plan.from || date > plan.until) return new Set();
    const closed = plan.closed.some(([on, from, to]) => on === date && minutes(from) <= minute && minute < minutes(to));
    return new Set(Object.entries(plan.contacts)
      .filter(([, contact]) => (closed && contact.closedDays ? contact.closedDays === "open" : inHours(contact.hours, day, minute)))
      .map(([id]) => id));
  }

  function mark() {
    const open = openNow(new Date());
    for (const contact of document.querySelectorAll("[data-contact]")) {
      if (open.has(contact.dataset.contact)) contact.dataset.open = "now";
      else delete contact.dataset.open;
    }
  }

  let timer = 0;
  function markEachMinute() {
    clearTimeout(timer);
    mark();
    timer = setTimeout(markEachMinute, 60000 - (Date.now() % 60000) + 50);
  }

  markEachMinute();
  document.addEventListener("visibilitychange", () => { if (!document.hidden) markEachMinute(); });
  window.addEventListener("pageshow", markEachMinute);
  window.addEventListener("focus", markEachMinute);
})();
