// Progressive enhancement: "Use my position" fills lat/lon and sorts by distance.
(function () {
  "use strict";
  var form = document.querySelector("form[data-geolocate]");
  if (!form || !("geolocation" in navigator)) { return; }
  var wrapper = form.querySelector("[data-geolocate-button]");
  var status = form.querySelector("[data-geolocate-status]");
  wrapper.hidden = false;
  wrapper.querySelector("button").addEventListener("click", function () {
    status.textContent = "…";
    navigator.geolocation.getCurrentPosition(function (position) {
      form.elements.lat.value = position.coords.latitude.toFixed(4);
      form.elements.lon.value = position.coords.longitude.toFixed(4);
      form.elements.sort.value = "distance";
      form.submit();
    }, function () {
      status.textContent = "✕";
    }, { timeout: 10000, maximumAge: 600000 });
  });
})();
