/* Noisy Signals: Material's search, started late and forgiving typos. Loaded before Material's
   bundle; see overrides/main.html.
   - The search worker starts, and the index is fetched, when a reader reaches for search, not on
     every page view;
   - a query that finds nothing is handed to search-typos.js (loaded then), which tries it again
     spelled a little differently, then as the nearest theme keyword. */
(() => {
  "use strict";
  const INDEX = /\/search\/search_index\.json$/;
  const WORKER = /\/workers\/search\.[^/]*\.js$/;
  const NEAR = ".md-search, [for='__search'], .ns-search-button, #__search";
  const SEARCH = 2; // Material's worker messages: a query out, its result back
  const RESULT = 3;
  const root = new URL(document.currentScript.dataset.root || ".", location.href);
  if (!root.pathname.endsWith("/")) root.pathname += "/";
  const queued = [];
  let wanted = /[?&][qh]=/.test(location.search);

  const want = () => {
    if (wanted) return;
    wanted = true;
    for (const start of queued.splice(0)) start();
  };
  const whenWanted = (start) => (wanted ? start() : queued.push(start));
  const path = (url) => new URL(String(url), location.href).pathname;

  for (const type of ["focusin", "pointerover", "touchstart", "change"]) {
    document.addEventListener(
      type,
      (event) => event.target instanceof Element && event.target.closest(NEAR) && want(),
      { capture: true, passive: true },
    );
  }

  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.nsDeferred = INDEX.test(path(url));
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (this.nsDeferred) whenWanted(() => send.apply(this, args));
    else send.apply(this, args);
  };

  const RealWorker = window.Worker;
  window.Worker = function Worker(url, options) {
    if (!WORKER.test(path(url))) return new RealWorker(url, options);
    const proxy = new EventTarget();
    const pending = [];
    proxy.postMessage = (message) => pending.push(message);
    proxy.terminate = () => {};
    whenWanted(() => {
      const worker = new RealWorker(url, options);
      const asked = []; // what each query sent to the worker was for, in order: it answers in order
      let latest = null; // the reader's last query
      let typos = null;
      const ask = (query, tag) => {
        asked.push(tag);
        worker.postMessage({ type: SEARCH, data: query });
      };
      const deliver = (data) => {
        proxy.dispatchEvent(new MessageEvent("message", { data }));
        document.querySelector(".ns-search-note")?.remove();
      };
      // Whether the answer for `tag` is still wanted: the reader may have typed on since.
      const wanted = (tag) => tag.query === latest;
      const fix = { ask, deliver, root, wanted };
      worker.addEventListener("message", ({ data }) => {
        if (!data || data.type !== RESULT) return deliver(data);
        const tag = asked.shift() || { query: latest };
        if (!wanted(tag)) return undefined; // a newer query's answer follows
        if (data.data?.items?.length) return tag.then ? tag.then(data) : deliver(data);
        if (tag.done || !tag.query.trim()) return deliver(tag.empty || data);
        typos ||= import(new URL("assets/javascripts/search-typos.js", root).href);
        // The module takes a moment to load, and the reader may type on meanwhile.
        return typos
          .then((module) => wanted(tag) && module.retry(tag, data, fix))
          .catch(() => wanted(tag) && deliver(data));
      });
      proxy.postMessage = (message) => {
        if (message && message.type === SEARCH) {
          latest = message.data;
          ask(message.data, { query: message.data });
        } else {
          worker.postMessage(message);
        }
      };
      proxy.terminate = () => worker.terminate();
      for (const message of pending.splice(0)) proxy.postMessage(message);
    });
    return proxy;
  };
})();
