// yanbao serve: reloads the page after a rebuild, swaps stylesheets when only CSS changed, and
// shows build errors over the page until they are fixed.
(function () {
  var source = new EventSource("__BASE____yanbao/events");
  var overlay = null;
  function clearOverlay() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function () {
    clearOverlay();
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("v", Date.now());
      link.href = url.toString();
    });
  });
  var notes = null;
  source.addEventListener("warnings", function (e) {
    if (!e.data) return;
    if (notes) notes.remove();
    notes = document.createElement("details");
    notes.setAttribute("role", "status");
    notes.style.cssText = "position:fixed;right:1rem;bottom:1rem;max-width:min(40rem,90vw);max-height:50vh;overflow:auto;z-index:9998;" +
      "background:#fffbeb;color:#422006;border:2px solid #d97706;border-radius:8px;padding:.5rem .75rem;font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap";
    var summary = document.createElement("summary");
    summary.textContent = "yanbao: the build has warnings";
    var body = document.createElement("div");
    body.textContent = e.data;
    notes.appendChild(summary);
    notes.appendChild(body);
    document.body.appendChild(notes);
  });
  source.addEventListener("error", function (e) {
    if (!e.data) return;
    clearOverlay();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:1rem;z-index:9999;overflow:auto;background:#1b1f24;color:#f3f4f6;" +
      "border:3px solid #f87171;border-radius:8px;padding:1rem 1.25rem;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
    var title = document.createElement("strong");
    title.textContent = "yanbao: the last rebuild failed; this page shows the last good build.\n\n";
    var body = document.createElement("div");
    body.textContent = e.data;
    overlay.appendChild(title);
    overlay.appendChild(body);
    document.body.appendChild(overlay);
  });
})();
