/* Noisy Signals: start Material's search worker and fetch its index when a reader reaches for
   search, not on every page view. Loaded before Material's bundle; see overrides/main.html. */
(() => {
  "use strict";
  const INDEX = /\/search\/search_index\.json$/;
  const WORKER = /\/workers\/search\.[^/]*\.js$/;
  const NEAR = ".md-search, [for='__search'], #__search";
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
      worker.addEventListener("message", ({ data }) =>
        proxy.dispatchEvent(new MessageEvent("message", { data })),
      );
      proxy.postMessage = (message) => worker.postMessage(message);
      proxy.terminate = () => worker.terminate();
      for (const message of pending.splice(0)) worker.postMessage(message);
    });
    return proxy;
  };
})();
