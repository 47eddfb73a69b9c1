// Gives a table's scroll box a Tab stop only while it scrolls sideways: keyboard users can then
// scroll it (axe: scrollable-region-focusable), and a table that fits takes no Tab stop. The
// built HTML gives no table a Tab stop, so without JavaScript none takes one; a wide table still
// scrolls by touch, trackpad or mouse. Sizes change with the window, with fonts as they load and
// when a closed data table opens, so the boxes and their tables are watched.
(function () {
  var wraps = document.querySelectorAll('.table-wrap');
  function update(wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) wrap.setAttribute('tabindex', '0');
    else wrap.removeAttribute('tabindex');
  }
  wraps.forEach(update);
  if (!('ResizeObserver' in window)) return;
  var watch = new ResizeObserver(function (entries) {
    entries.forEach(function (e) { update(e.target.closest('.table-wrap')); });
  });
  wraps.forEach(function (wrap) {
    watch.observe(wrap);
    if (wrap.firstElementChild) watch.observe(wrap.firstElementChild);
  });
})();
