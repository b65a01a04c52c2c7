/* The dashboard's map: counts by postcode district from /dashboard/map.json on Leaflet.
   The markers are drawn whether or not the map tiles load. */
(function () {
  "use strict";
  var element = document.getElementById("map");
  var status = document.getElementById("map-status");
  if (!element || typeof L === "undefined") { return; }
  var map = L.map(element, { scrollWheelZoom: false }).setView([52.5, -1.5], 6);
  L.tileLayer(element.getAttribute("data-tiles"), {
    maxZoom: 18,
    attribution: "Map data &copy; OpenStreetMap contributors"
  }).addTo(map);

  function counted(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function marker(district, count, kind, words, shift) {
    var label = district.district + ": " + counted(count, words[0], words[1]);
    return L.marker([district.latitude, district.longitude], {
      title: label,
      keyboard: true,
      icon: L.divIcon({
        className: "district-marker " + kind,
        html: String(count),
        iconSize: [32, 32],
        iconAnchor: [16 + shift, 16]
      })
    }).bindPopup(label).addTo(map);
  }

  fetch(element.getAttribute("data-source"), { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    })
    .then(function (data) {
      var corners = [];
      data.districts.forEach(function (district) {
        if (district.requests > 0) {
          marker(district, district.requests, "requests", ["open request", "open requests"], 18);
        }
        if (district.volunteers > 0) {
          marker(district, district.volunteers, "volunteers", ["available volunteer", "available volunteers"], -18);
        }
        corners.push([district.latitude, district.longitude]);
      });
      if (corners.length) { map.fitBounds(corners, { padding: [48, 48], maxZoom: 12 }); }
      status.textContent = counted(corners.length, "district", "districts") + " shown.";
    })
    .catch(function (error) {
      status.textContent = "The map's counts could not be loaded (" + error.message + ").";
    });
}());
