// The presenter search of the conference form: a name typed in #presenter-search lists the
// people the account may see (GET /people/suggest); choosing one adds their record number to
// the field #presenters. Without this script the field takes the numbers typed.
(function () {
  "use strict";
  var box = document.getElementById("presenter-find");
  var search = document.getElementById("presenter-search");
  var field = document.getElementById("presenters");
  var options = document.getElementById("presenter-options");
  var added = document.getElementById("presenter-added");
  if (!box || !search || !field || !options) {
    return;
  }
  box.hidden = false;
  var byLabel = {};
  var timer = 0;
  var asked = "";

  function ids() {
    return field.value.split(/[\s,;]+/).filter(function (s) { return s !== ""; });
  }

  function pick(label) {
    var id = String(byLabel[label]);
    var have = ids();
    if (have.indexOf(id) < 0) {
      have.push(id);
      field.value = have.join(", ");
      added.textContent = (added.textContent ? added.textContent + ", " : added.dataset.prefix || "") + label;
    }
    search.value = "";
    options.textContent = "";
  }

  function suggest(q) {
    asked = q;
    fetch("/people/suggest?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) { return res.ok ? res.json() : { items: [] }; })
      .then(function (body) {
        if (q !== asked) {
          return;
        }
        options.textContent = "";
        byLabel = {};
        body.items.forEach(function (p) {
          var o = document.createElement("option");
          o.value = p.label;
          byLabel[p.label] = p.id;
          options.appendChild(o);
        });
      })
      .catch(function () { options.textContent = ""; });
  }

  search.addEventListener("input", function () {
    var q = search.value.trim();
    if (Object.prototype.hasOwnProperty.call(byLabel, q)) {
      pick(q);
      return;
    }
    clearTimeout(timer);
    if (q.length >= 2) {
      timer = setTimeout(function () { suggest(q); }, 250);
    }
  });
  search.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      e.preventDefault(); // choosing from the list, not sending the form
    }
  });
})();
