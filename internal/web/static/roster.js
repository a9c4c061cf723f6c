// The roster page without a reload: a search by name typed with or without diacritics, or
// by the number of a row on the printed sheet; select all / none of the rows shown; the
// counts as the boxes are ticked; a save that sends the rows changed and nothing else, so
// that rows a search hides are never marked absent. Without it the form still saves: the
// server compares the boxes ticked with those the page showed ticked.
(function () {
  "use strict";

  var print = document.getElementById("sheet-print");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }

  var form = document.getElementById("roster");
  if (!form) return;

  // fold lowers a text and drops its diacritics, đ as d, as the server folds names.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  // num writes a count as the pages do: 2.000.
  function num(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  var rows = Array.prototype.map.call(form.querySelectorAll("tbody tr"), function (tr) {
    var box = tr.querySelector("input[name=present]");
    return { tr: tr, box: box, seen: tr.querySelector("input[name=seen]"),
      number: tr.cells[0].textContent, name: fold(box.parentNode.textContent) };
  });
  var present = document.getElementById("roster-present");
  var changed = document.getElementById("roster-changed");
  var shown = document.getElementById("roster-shown");

  function count() {
    var ticked = 0, edits = 0;
    rows.forEach(function (r) {
      if (r.box.checked) ticked++;
      if (r.box.checked !== r.box.defaultChecked) edits++;
    });
    present.textContent = num(ticked);
    changed.hidden = edits === 0;
    changed.querySelector("b").textContent = num(edits);
    return edits;
  }

  ["roster-search", "roster-tools", "roster-ticks"].forEach(function (name) {
    form.querySelector("." + name).hidden = false;
  });
  var q = document.getElementById("roster-q");
  q.addEventListener("input", function () {
    var words = fold(q.value).split(/\s+/).filter(Boolean), n = 0;
    var byNumber = words.length === 1 && /^\d+$/.test(words[0]);
    rows.forEach(function (r) {
      var match = byNumber ? r.number === words[0] : words.every(function (w) { return r.name.indexOf(w) >= 0; });
      r.tr.hidden = !match;
      if (match) n++;
    });
    shown.hidden = words.length === 0;
    shown.querySelector("b").textContent = num(n);
  });
  q.addEventListener("keydown", function (e) {
    if (e.key === "Enter") e.preventDefault(); // Enter searches; it does not save
  });

  form.querySelector(".roster-ticks").addEventListener("click", function (e) {
    var tick = e.target.getAttribute("data-tick");
    if (tick === null) return;
    rows.forEach(function (r) {
      if (!r.tr.hidden && !r.box.disabled) r.box.checked = tick === "1";
    });
    count();
  });
  form.addEventListener("change", count);

  // A save sends only the rows changed: the others' fields are disabled while it is sent.
  var held = [];
  form.addEventListener("submit", function () {
    rows.forEach(function (r) {
      if (r.box.disabled || r.box.checked !== r.box.defaultChecked) return;
      [r.box, r.seen].forEach(function (el) {
        if (el) {
          el.disabled = true;
          held.push(el);
        }
      });
    });
  });
  window.addEventListener("pageshow", function () {
    held.forEach(function (el) { el.disabled = false; });
    held = [];
    count();
  });

  var unit = document.querySelector(".roster-unit");
  if (unit) {
    unit.querySelector("select").addEventListener("change", function () {
      if (count() === 0 || window.confirm(unit.getAttribute("data-unsaved"))) unit.submit();
    });
  }
  count();
})();
