/* Deep zoom on the artifact page (progressive enhancement, no build step).
   Without JavaScript the picture links to the full-size original. With it, a button opens the
   original in OpenSeadragon (vendor/openseadragon, loaded only when asked for): drag, pinch,
   wheel, keyboard (+ - 0 and arrows), full screen. Button labels come from the page, translated. */
(function () {
  var figure = document.querySelector("figure[data-zoom-src]");
  if (!figure) return;
  var data = figure.dataset;
  var open = document.createElement("button");
  open.type = "button";
  open.className = "zoom-open";
  open.textContent = data.labelOpen;
  figure.appendChild(open);

  function load(callback) {
    if (window.OpenSeadragon) return callback();
    var script = document.createElement("script");
    script.src = data.vendor + "openseadragon.min.js";
    script.onload = callback;
    document.head.appendChild(script);
  }

  open.addEventListener("click", function () {
    load(function () {
      var OSD = window.OpenSeadragon;
      OSD.setString("Tooltips.ZoomIn", data.labelIn);
      OSD.setString("Tooltips.ZoomOut", data.labelOut);
      OSD.setString("Tooltips.Home", data.labelHome);
      OSD.setString("Tooltips.FullPage", data.labelFull);
      var box = document.createElement("div");
      box.className = "zoom-viewer";
      box.id = "zoom-viewer";
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", data.labelRegion);
      figure.insertBefore(box, figure.firstChild);
      figure.classList.add("zooming");
      var viewer = OSD({
        element: box,
        prefixUrl: data.vendor + "images/",
        tileSources: {type: "image", url: data.zoomSrc},
        showNavigator: false,
        showRotationControl: false,
        maxZoomPixelRatio: 4,
        gestureSettingsMouse: {clickToZoom: true},
      });
      window.shanyraqViewer = viewer;
      var close = document.createElement("button");
      close.type = "button";
      close.className = "zoom-close";
      close.textContent = data.labelClose;
      close.addEventListener("click", function () {
        viewer.destroy();
        box.remove();
        close.remove();
        window.shanyraqViewer = null;
        figure.classList.remove("zooming");
        open.hidden = false;
        open.focus();
      });
      figure.insertBefore(close, box.nextSibling);
      open.hidden = true;
      viewer.addOnceHandler("open", function () { box.querySelector(".openseadragon-canvas").focus(); });
    });
  });
})();
