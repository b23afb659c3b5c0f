/* Quick exit: the button (and Shift pressed 3 times) replaces this page and its history
   entry with a neutral site. Without JavaScript the button is an ordinary link. */
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");
  var link = document.querySelector("[data-quick-exit-link]");
  if (!link) { return; }
  var target = link.getAttribute("href");
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.style.display = "none";
    window.location.replace(target);
  }
  link.addEventListener("click", leave);
  // Only Shift pressed on its own counts: any other key (Shift+Tab to move back, Shift+A
  // for a capital) starts the count again, and holding Shift down is one press.
  var presses = 0;
  var timer = null;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    if (event.repeat) { return; }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 1000);
    if (presses >= 3) { leave(); }
  });
})();
