/* Noisy Signals: the error page (overrides/404.html), which a host serves for any address it does
   not know. Runs in <head>, before the page shows.
   - A mistyped short link arrives: wrong case or no closing slash (/Rejected/, /SELF-DOUBT,
     /Let-Go/) is sent on to its lower-case, slash-ended form when that differs from the address
     asked for. That form is final (normalising it again changes nothing), so an address that is
     missing in it too stays here: no loop;
   - otherwise the page offers the situations and search: the search box is prefilled with the
     words of the address, so "Search" tries them (typos forgiven, lazy-search.js). */
(() => {
  "use strict";
  const script = document.currentScript;
  const root = new URL(script.dataset.root || "/", location.href).pathname.replace(/\/?$/, "/");
  const path = location.pathname;
  const under = path.toLowerCase().startsWith(root.toLowerCase());
  const rest = under ? path.slice(root.length) : path;
  let next = (under ? root : "") + rest.toLowerCase();
  if (!next.endsWith("/") && !/\.[a-z0-9]+$/.test(next)) next += "/";
  if (next !== path) {
    location.replace(next + location.search + location.hash);
    return;
  }
  document.addEventListener("DOMContentLoaded", () => {
    const input = document.getElementById("ns-404-query");
    if (!input || input.value || rest === "404.html") return;
    let words = rest;
    try {
      words = decodeURIComponent(rest);
    } catch {
      // a malformed %-escape: keep the address as typed
    }
    input.value = words.replace(/\.html?$/, "").replace(/[^\p{L}\p{N}']+/gu, " ").trim();
  });
})();
