// jic's progressive enhancement: every page reads without it. It shows
// times in the viewer's zone, adds new reports to the live stream and
// draws maps with Leaflet on the bundled Natural Earth basemap.
"use strict";

function localTimes(root) {
  for (const el of root.querySelectorAll("time[datetime]")) {
    if (el.dataset.local) continue;
    const d = new Date(el.getAttribute("datetime"));
    if (isNaN(d)) continue;
    el.title = d.toISOString().replace(".000Z", "Z") + " (UTC)";
    el.textContent = d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    el.dataset.local = "1";
  }
}

function liveStream() {
  const list = document.getElementById("stream");
  if (!list || !list.dataset.stream || !window.EventSource) return;
  const es = new EventSource(list.dataset.stream);
  es.addEventListener("open", () => { document.getElementById("live").hidden = false; });
  es.addEventListener("report", (e) => {
    const empty = list.querySelector("li.empty");
    if (empty) empty.remove();
    list.insertAdjacentHTML("afterbegin", e.data);
    const li = list.firstElementChild;
    li.classList.add("new");
    localTimes(li);
  });
}

function drawMap() {
  const el = document.getElementById("map");
  const data = document.getElementById("places");
  if (!el || !data || !window.L) return;
  const places = JSON.parse(data.textContent) || [];
  const map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 10 }).setView([25, 20], 2);
  fetch("/static/vendor/basemap/countries.json").then((r) => r.json()).then((geo) => {
    L.geoJSON(geo, {
      attribution: "Natural Earth",
      interactive: false,
      style: { color: "#9aa5b1", weight: 0.6, fillColor: "#eef0ec", fillOpacity: 1 },
    }).addTo(map).bringToBack();
  });
  const markers = [];
  const top = Math.max(1, ...places.map((p) => p.reports));
  for (const p of places) {
    const m = L.circleMarker([p.lat, p.lon], {
      radius: 4 + 16 * Math.sqrt(p.reports / top), color: "#1f5fa8", weight: 1, fillOpacity: 0.45,
    });
    const pop = document.createElement("div");
    const a = document.createElement("a");
    a.href = "/entities/" + encodeURIComponent(p.id);
    a.textContent = p.name;
    a.dir = "auto";
    pop.append(a, " · " + p.reports + (p.reports === 1 ? " report" : " reports"));
    m.bindPopup(pop).bindTooltip(p.name + ": " + p.reports);
    m.addTo(map);
    markers.push(m);
  }
  if (markers.length > 1 && el.dataset.fit !== "world") {
    map.fitBounds(L.featureGroup(markers).getBounds(), { padding: [30, 30], maxZoom: 6 });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  localTimes(document);
  liveStream();
  drawMap();
});
