/* Offline reading (docs/offline.md): registers the service worker, shows the "save for
   offline" forms and tells the reader when a saved copy was replaced. Without JavaScript
   or without service workers the forms stay hidden and every page works as before. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext) { return; }
  var language = document.documentElement.lang || "es";
  navigator.serviceWorker.register("/sw.js").catch(function () {});

  function ask(message) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { resolve(event.data || {}); };
        (navigator.serviceWorker.controller || registration.active).postMessage(message, [channel.port2]);
      });
    });
  }

  document.querySelectorAll("[data-offline-save]").forEach(function (form) {
    var status = form.querySelector("[data-offline-status]");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = new URLSearchParams(new FormData(form)).toString();
      status.textContent = form.getAttribute("data-saving");
      ask({ type: "save", pack: form.getAttribute("action") + "?" + query }).then(function (reply) {
        if (!reply.ok) { status.textContent = form.getAttribute("data-failed"); return; }
        var when = new Date(reply.savedAt).toLocaleString(language, { dateStyle: "long", timeStyle: "short" });
        status.textContent = form.getAttribute("data-saved") + " " + when;
        form.setAttribute("data-offline-saved-count", reply.count);
      });
    });
  });

  function check(force) {
    if (navigator.onLine === false || !navigator.serviceWorker.controller) { return; }
    ask({ type: "check", force: force }).then(function (reply) {
      var notice = document.querySelector("[data-offline-updated]");
      if (reply.updated && notice) { notice.hidden = false; }
    });
  }
  window.addEventListener("online", function () { check(true); });
  check(false);
})();
