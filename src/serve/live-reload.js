// plansite serve: updates the page after a rebuild and shows a failed build over the page.
// Injected only by the development server; never part of a built site.
(function () {
  var overlay = null;
  var lost = false;
  // The number of the search index the page was served under (see "search-index" below).
  var servedIndex = Number(document.currentScript && document.currentScript.getAttribute("data-index"));
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.id = "plansite-build-error";
      var s = overlay.style;
      s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
      s.background = "rgba(20, 0, 0, .92)"; s.color = "#ffe9e9"; s.padding = "2rem";
      s.font = "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
      var title = document.createElement("h2");
      title.textContent = "plansite: the build failed; the last good site is still served";
      title.style.margin = "0 0 1rem"; title.style.font = "bold 16px/1.4 system-ui, sans-serif";
      var pre = document.createElement("pre");
      pre.style.whiteSpace = "pre-wrap"; pre.style.margin = "0";
      overlay.appendChild(title);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    overlay.lastChild.textContent = text;
  }
  var events = new EventSource("/__plansite/events");
  window.plansiteEvents = events; // for tests: connected when readyState is 1
  // The server names the pages that changed ("*": all of them); other pages stay as they are.
  function here() { return location.pathname.replace(/index\.html$/, ""); }
  events.addEventListener("reload", function (e) {
    var pages = "*";
    try { pages = JSON.parse(e.data); } catch (_) {}
    if (pages === "*") location.reload();
    else if (pages.indexOf(here()) >= 0) update();
  });
  // The page's stylesheets and scripts, in order: while they stay the same, a new version of
  // the page can replace the old one in place.
  function assets(doc) {
    var list = [doc.documentElement.lang];
    var els = doc.querySelectorAll("link[rel~=stylesheet], script");
    for (var i = 0; i < els.length; i++) {
      list.push(els[i].getAttribute("href") || els[i].getAttribute("src") || els[i].textContent);
    }
    return list.join("\n");
  }
  // Swaps in the new body instead of reloading: nothing else is fetched again and the reader
  // keeps their place. Theme scripts that set up the page also run on "plansite:swap".
  var latest = 0;
  function update() {
    var mine = ++latest, x = window.scrollX, y = window.scrollY;
    fetch(location.pathname + location.search, { cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) {
        if (mine !== latest) return;
        var next = new DOMParser().parseFromString(html, "text/html");
        if (assets(next) !== assets(document)) return location.reload();
        // Parsed without scripting, <noscript> would show its content: this reader has scripts.
        var hidden = next.body.querySelectorAll("noscript");
        for (var i = 0; i < hidden.length; i++) hidden[i].remove();
        document.title = next.title;
        document.body.replaceWith(document.adoptNode(next.body));
        overlay = null;
        window.scrollTo(x, y);
        document.dispatchEvent(new Event("plansite:swap"));
      })
      .catch(function () { location.reload(); });
  }
  // Each event stream starts with the current search index's number and each new index follows
  // (serve writes one after every build): a page that runs a script of the bundle (the event
  // names its folder) loads again when the number is not the one it was served under.
  events.addEventListener("search-index", function (e) {
    var index = {};
    try { index = JSON.parse(e.data); } catch (_) { return; }
    if (index.index === servedIndex) return;
    var scripts = document.querySelectorAll("script[src]");
    for (var i = 0; i < scripts.length; i++) {
      if (new URL(scripts[i].src).pathname.indexOf("/" + index.bundle + "/") >= 0) return location.reload();
    }
  });
  events.addEventListener("build-error", function (e) { show(e.data); });
  events.addEventListener("error", function () { lost = true; });
  // The server restarted: the site may have changed meanwhile.
  events.addEventListener("open", function () { if (lost) location.reload(); });
})();
