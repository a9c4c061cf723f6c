// The unit tree opens a unit's units below on demand: the first time the <details> of a unit
// opens, the children part of the tree page (its data-children address) replaces the link
// that leads there without JavaScript. A failed fetch leaves the link, to be tried again.
document.addEventListener('toggle', function (e) {
  var d = e.target;
  if (!d.open || !d.dataset || !d.dataset.children || d.dataset.loading) {
    return;
  }
  var slot = d.querySelector(':scope > .below-slot');
  if (!slot) {
    return;
  }
  d.dataset.loading = '1';
  d.setAttribute('aria-busy', 'true');
  fetch(d.dataset.children, { credentials: 'same-origin' }).then(function (r) {
    if (!r.ok) {
      throw new Error(r.status);
    }
    return r.text();
  }).then(function (html) {
    var part = document.createElement('div');
    part.innerHTML = html;
    slot.replaceWith.apply(slot, Array.from(part.childNodes));
  }).catch(function () {
    delete d.dataset.loading;
  }).finally(function () {
    d.removeAttribute('aria-busy');
  });
}, true);
