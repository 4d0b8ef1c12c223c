// The search page: runs Pagefind UI (served from this site's /pagefind/) in #search and
// searches for ?q= when the header form sent a query. Without JavaScript the page shows
// links to the plan and indicator indexes instead.
(function () {
  function start() {
    var box = document.getElementById("search");
    if (!box) return;
    if (typeof PagefindUI === "undefined") {
      // The bundle did not load (under `plansite serve`, the index may still be being built).
      var unavailable = document.getElementById("search-unavailable");
      if (unavailable && !box.firstChild) box.appendChild(unavailable.content.cloneNode(true));
      return;
    }
    // data-root is the relative way to the site root ("../../"): works under any sub-path.
    var root = new URL(box.getAttribute("data-root") || "/", location.href);
    var ui = new PagefindUI({
      element: "#search",
      bundlePath: root.pathname + "pagefind/",
      baseUrl: root.pathname,
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      autofocus: true
    });
    // Pagefind's input has only a placeholder: give it an accessible name once it exists.
    var name = box.getAttribute("data-label");
    function label() {
      var input = box.querySelector("input");
      if (input && name) input.setAttribute("aria-label", name);
      return !!input;
    }
    if (!label()) {
      var watch = new MutationObserver(function () {
        if (label()) watch.disconnect();
      });
      watch.observe(box, { childList: true, subtree: true });
    }
    var q = new URLSearchParams(location.search).get("q");
    if (q) ui.triggerSearch(q);
  }
  document.addEventListener("plansite:swap", start); // `plansite serve` replaced the page
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
