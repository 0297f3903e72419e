// Who else has this inquiry open: asks the server again while the page stays open and updates the line at the top
// of the page (issue 23, "nobody answers twice"). Same origin only (CSP script-src 'self'); without script the
// line the page was rendered with stays as it was.
(function () {
  'use strict';
  var line = document.getElementById('presence');
  if (!line || !window.fetch) {
    return;
  }
  var url = line.getAttribute('data-presence-url');
  var seconds = parseInt(line.getAttribute('data-refresh-seconds'), 10) || 30;
  function refresh() {
    if (document.hidden) {
      return;
    }
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (!answer) {
          return;
        }
        line.textContent = answer.text;
        line.hidden = answer.text === '';
      })
      .catch(function () {
        // offline or signed out: the line keeps what it last said
      });
  }
  window.setInterval(refresh, seconds * 1000);
  document.addEventListener('visibilitychange', refresh);
}());
