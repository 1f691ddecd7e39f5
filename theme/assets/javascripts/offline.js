// The public build keeps the pages a reader has opened, to read them again without a
// connection (sw.js at the site's root, written by the build for the public build only).
(function () {
  if (!("serviceWorker" in navigator)) return;
  var script = document.currentScript;
  var root = new URL("../../", script.src);  // assets/javascripts/ -> the site's root
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname })
      .catch(function () { /* no offline copies, the site works as before */ });
  });
})();
