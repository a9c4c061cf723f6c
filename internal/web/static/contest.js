// The contests' public pages: the answers of an attempt saved as they are chosen, its time
// counted down from the seconds left the server wrote, and the registration's unit picker.
// Without this script the pages still work: the attempt's form saves every answer when it
// is submitted, and the registration finds a unit from the search typed.
(function () {
  "use strict";

  var form = document.getElementById("attempt");
  if (form) {
    autosave(form);
    countdown(form);
  }
  var search = document.getElementById("unit_q");
  if (search) unitPicker(search, document.getElementById("unit_id"));

  // autosave sends the choice of a question whenever it changes, one request at a time; a
  // question changed again while its save is on the way is sent once more after. A failed
  // save is tried again after a pause, unless the server refuses it for good (time up).
  function autosave(form) {
    var pending = {}, busy = false;
    form.addEventListener("change", function (e) {
      var set = e.target.closest("fieldset[data-pos]");
      if (!set) return;
      pending[set.getAttribute("data-pos")] = set;
      say(set, form.getAttribute("data-saving"), false);
      next();
    });
    function next() {
      if (busy) return;
      var pos = Object.keys(pending)[0];
      if (pos === undefined) return;
      var set = pending[pos];
      delete pending[pos];
      var choice = 0;
      set.querySelectorAll("input").forEach(function (input) {
        if (input.checked) choice |= 1 << Number(input.value);
      });
      busy = true;
      fetch(form.getAttribute("data-save"), {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/x-www-form-urlencoded"},
        body: "position=" + pos + "&choice=" + choice
      }).then(function (res) {
        if (res.status === 204) {
          if (!pending[pos]) say(set, form.getAttribute("data-saved"), false);
          return;
        }
        if (res.status === 429 || res.status >= 500) throw new Error("retry");
        return res.json().then(function (body) { say(set, body.error.message, true); });
      }).catch(function () {
        say(set, form.getAttribute("data-retry"), true);
        if (!pending[pos]) pending[pos] = set;
        return new Promise(function (done) { setTimeout(done, 2000); });
      }).then(function () {
        busy = false;
        next();
      });
    }
    function say(set, text, failed) {
      var p = set.querySelector(".saved");
      p.textContent = text;
      p.classList.toggle("failed", failed);
    }
  }

  // countdown counts the seconds left down by the browser's monotonic clock, never its time
  // of day, and submits the form two seconds before the end: a submission arriving past the
  // deadline is graded without its prediction.
  function countdown(form) {
    var out = form.querySelector("[data-seconds]");
    var end = performance.now() + Number(out.getAttribute("data-seconds")) * 1000;
    function tick() {
      var left = Math.max(0, Math.ceil((end - performance.now()) / 1000));
      out.textContent = Math.floor(left / 60) + ":" + ("0" + left % 60).slice(-2);
      out.parentNode.classList.toggle("low", left <= 60);
      if (left <= 2) {
        out.parentNode.textContent = form.getAttribute("data-timeup");
        HTMLFormElement.prototype.submit.call(form);
        return;
      }
      setTimeout(tick, 1000 - (end - performance.now()) % 1000);
    }
    tick();
  }

  // unitPicker fills the select with the units whose name or code holds what is typed.
  function unitPicker(search, select) {
    var timer, asked = "";
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 300);
    });
    function ask() {
      var q = search.value.trim();
      if (q === asked) return;
      asked = q;
      fetch(search.getAttribute("data-units") + "?q=" + encodeURIComponent(q), {credentials: "same-origin"})
        .then(function (res) { return res.json(); })
        .then(function (units) {
          if (q !== asked) return;
          while (select.options.length > 1) select.remove(1);
          units.forEach(function (u) { select.add(new Option(u.name, u.id)); });
          select.selectedIndex = units.length === 1 ? 1 : 0;
        })
        .catch(function () {});
    }
  }
})();
