// The desk works from the scanner alone: keep the cursor in the scan box after every scan,
// unless the last scan asks for a reason to lend anyway (then the reason box takes it).
document.addEventListener("DOMContentLoaded", function () {
  var reason = document.getElementById("override-reason");
  var scan = document.getElementById("scan");
  if (reason) { reason.focus(); } else if (scan) { scan.focus(); scan.select(); }
});
