// Front-desk check-in: scan the QR ticket with the camera where the browser has the
// BarcodeDetector API (Chrome on Android), otherwise the code is typed. Results come back as JSON.
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  var input = document.getElementById("code");
  var result = document.getElementById("checkin-result");
  var button = document.getElementById("scan-button");
  var box = document.getElementById("scanner");
  var video = document.getElementById("scanner-video");
  if (!form) { return; }
  var busy = false;

  function submit(code) {
    if (busy) { return; }
    busy = true;
    var data = new FormData(form);
    data.set("code", code);
    fetch(form.action || window.location.href, {
      method: "POST", body: data, headers: { "Accept": "application/json" }, credentials: "same-origin"
    }).then(function (r) { return r.json(); }).then(function (json) {
      result.className = "checkin-result " + json.outcome;
      result.textContent = json.message + (json.name ? " · " + json.name : "");
      input.value = "";
      input.focus();
    }).catch(function () { form.submit(); }).finally(function () {
      setTimeout(function () { busy = false; }, 1500);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submit(input.value);
  });

  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      box.hidden = false;
      video.srcObject = stream;
      video.play();
      function tick() {
        detector.detect(video).then(function (codes) {
          if (codes.length) { submit(codes[0].rawValue); }
        }).finally(function () { window.requestAnimationFrame(tick); });
      }
      tick();
    }).catch(function () { button.hidden = true; });
  });
})();
