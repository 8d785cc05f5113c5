(function () {
  "use strict";
  var form = document.getElementById("filter");
  var count = document.getElementById("aantal");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#besluiten tbody tr"));
  var texts = rows.map(function (row) { return row.textContent.toLocaleLowerCase("nl"); });
  function apply() {
    var words = form.elements.zoek.value.toLocaleLowerCase("nl").split(/\s+/).filter(Boolean);
    var team = form.elements.team.value;
    var jaar = form.elements.jaar.value;
    var uitslag = form.elements.uitslag.value;
    var shown = 0;
    rows.forEach(function (row, i) {
      var ok = (!team || row.getAttribute("data-team") === team) &&
        (!jaar || row.getAttribute("data-jaar") === jaar) &&
        (!uitslag || row.getAttribute("data-uitslag") === uitslag) &&
        words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " van " + rows.length + " besluiten";
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
