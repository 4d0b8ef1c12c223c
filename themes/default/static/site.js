// Progressive enhancement only: every page reads fully without it.
// Keep the reader's place when switching language: carry the #section anchor along.
(function () {
  function update() {
    var links = document.querySelectorAll("a[data-keep-hash]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      a.setAttribute("href", a.getAttribute("href").split("#")[0] + location.hash);
    }
  }
  window.addEventListener("hashchange", update);
  document.addEventListener("DOMContentLoaded", update);
  document.addEventListener("plansite:swap", update); // `plansite serve` replaced the page
})();
