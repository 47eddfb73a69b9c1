// Opens the print dialog when the one-page view is reached through its "Print" link (#print).
// Without JavaScript that link still leads to the one-page view, which prints as it is.
if (window.location.hash === '#print') {
  window.addEventListener('load', function () { window.print(); });
}
