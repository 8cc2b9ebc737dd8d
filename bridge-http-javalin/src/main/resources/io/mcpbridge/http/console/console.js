// The console's only script (served from the jar; the Content-Security-Policy allows no other).
// It follows a running job through the server-sent event stream of /console/jobs/{id}/events,
// which the browser authenticates with the session cookie: no token is ever handled here.
'use strict';

document.addEventListener('DOMContentLoaded', function () {
  var box = document.getElementById('job-progress');
  if (!box || box.dataset.terminal === 'true' || typeof EventSource === 'undefined') {
    return;
  }
  var bar = document.getElementById('progress');
  var text = document.getElementById('progress-text');
  var state = document.getElementById('job-state');
  var terminal = ['succeeded', 'failed', 'cancelled', 'timed_out'];
  var source = new EventSource(box.dataset.events);

  function show(percent) {
    var p = Math.max(0, Math.min(100, Math.floor(percent)));
    bar.value = p;
    bar.textContent = p + ' %';
    text.textContent = p + ' %';
  }

  function onEvent(message) {
    var event;
    try {
      event = JSON.parse(message.data);
    } catch (e) {
      return;
    }
    if (event.progress && event.progress.endTime > 0) {
      show(100 * event.progress.simulatedTime / event.progress.endTime);
    }
    if (event.status) {
      state.textContent = event.status;
    }
    if (event.type === 'state' && terminal.indexOf(event.status) >= 0) {
      source.close();
      if (event.status === 'succeeded') {
        show(100);
      }
      // The page, rendered again by the server, links the results.
      window.setTimeout(function () { window.location.reload(); }, 300);
    }
  }

  source.addEventListener('progress', onEvent);
  source.addEventListener('state', onEvent);
  source.onmessage = onEvent;
});
