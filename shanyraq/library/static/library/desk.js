// The desk works from the scanner alone: keep the cursor in the scan box after every scan.
document.addEventListener("DOMContentLoaded", function () {
  var scan = document.getElementById("scan");
  if (scan) { scan.focus(); scan.select(); }
});
