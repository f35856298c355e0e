/* detente web app: the map page and the "code a text" page (the chart code is prepended when served). */
(function () {
  /* the map: its figure from /api/map (same filters as the page); a click on a point lists its events */
  var el = document.getElementById("event-map");
  if (!el || typeof Plotly === "undefined") return;
  fetch(el.dataset.src)
    .then(function (r) { return r.json().then(function (j) { return {ok: r.ok, j: j}; }); })
    .then(function (res) {
      if (!res.ok) { el.innerHTML = '<p class="error"></p>'; el.firstChild.textContent = "[" + res.j.code + "] " + res.j.message; return; }
      el.innerHTML = "";
      var f = res.j.figure;
      return Plotly.newPlot(el, f.data, f.layout, {displaylogo: false, responsive: true,
                                                   modeBarButtonsToRemove: ["sendDataToCloud"]}).then(function () {
        el.classList.add("drawn");
        el.on("plotly_click", function (ev) {
          var p = ev.points && ev.points[0];
          if (!p || !p.customdata) return;
          var base = el.dataset.events;
          window.location.href = base + (base.indexOf("?") < 0 ? "?" : "&") + "near=" + p.customdata[0] + "," +
            p.customdata[1] + "&km=25";
        });
      });
    })
    .catch(function (err) { el.innerHTML = '<p class="error"></p>'; el.firstChild.textContent = String(err); });
})();

(function () {
  var form = document.getElementById("extract-form");
  if (!form) return;
  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function actor(a) { return a ? esc(a.country || "") + " " + esc(a.canonical || a.name || "") : "?"; }
  function place(loc) {
    if (!loc) return "";
    var name = esc(loc.resolved || loc.place);
    if (loc.latitude == null || loc.longitude == null) return name;
    return '<a class="place" href="/events?near=' + loc.latitude.toFixed(4) + "," + loc.longitude.toFixed(4) +
      '&amp;km=25" title="stored events within 25 km">' + name + "</a>";
  }
  function sentence(ev) {
    var s = ev.sentence || "", t = ev.trigger || "";
    var i = t ? s.toLowerCase().indexOf(t.toLowerCase()) : -1;
    if (i < 0) return esc(s);
    return esc(s.slice(0, i)) + '<mark class="hl hl-trigger">' + esc(s.slice(i, i + t.length)) + "</mark>" +
      esc(s.slice(i + t.length));
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var status = document.getElementById("extract-status"), out = document.getElementById("extract-result");
    var body = {text: document.getElementById("extract-text").value};
    var pub = document.getElementById("extract-published").value.trim();
    if (pub) body.published = pub;
    status.textContent = "coding…";
    out.innerHTML = "";
    fetch("/api/extract", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)})
      .then(function (r) { return r.json().then(function (j) { return {ok: r.ok, j: j}; }); })
      .then(function (res) {
        status.textContent = "";
        if (!res.ok) { out.innerHTML = '<p class="error">[' + esc(res.j.code) + "] " + esc(res.j.message) + "</p>"; return; }
        var r = res.j.results[0];
        if (r.error) { out.innerHTML = '<p class="error">[' + esc(r.error_code) + "] " + esc(r.error) + "</p>"; return; }
        var html = "<h2>Events (" + r.events.length + ")</h2><table class=\"events\" id=\"extract-events\"><thead><tr>" +
          "<th>type</th><th>source</th><th>target</th><th>place</th><th>date</th><th>status</th><th>conf.</th><th>evidence</th></tr></thead><tbody>";
        r.events.forEach(function (ev) {
          html += '<tr class="q' + ev.quad + '"><td><b class="type">' + esc(ev.type) + "</b></td><td>" + actor(ev.source) +
            "</td><td>" + actor(ev.target) + '</td><td class="small">' + place(ev.location) + "</td><td>" + esc(ev.date || "") + '</td><td><span class="st st-' +
            esc(ev.status) + '">' + esc(ev.status) + '</span></td><td class="num">' + (ev.confidence || 0).toFixed(2) +
            "</td><td>" + sentence(ev) + "</td></tr>";
        });
        if (!r.events.length) html += '<tr><td colspan="8" class="muted">No events found.</td></tr>';
        html += "</tbody></table><h2>Quotations (" + r.quotes.length + ')</h2><ul class="quotes">';
        r.quotes.forEach(function (q) { html += "<li><q>" + esc(q.text) + "</q> — <b>" + esc(q.speaker || "?") + "</b></li>"; });
        html += '</ul><h2>Actors</h2><ul class="actors">';
        r.actors.forEach(function (a) { html += "<li>" + esc(a.country || "") + " " + esc(a.canonical) + "</li>"; });
        out.innerHTML = html + "</ul>";
      })
      .catch(function (err) { status.textContent = ""; out.innerHTML = '<p class="error">' + esc(err) + "</p>"; });
  });
})();
