// Progressive enhancement of the issue pages; every page works without it.
// - the segment builder shows a live recipient count;
// - the composer refreshes its preview frame while the editor types, and asks before the
//   editor leaves it with unsaved edits;
// - the progress page follows the server-sent events instead of reloading.
(function () {
  'use strict';

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  // Live recipient count: the segment fields of the form, as a query.
  document.querySelectorAll('[data-recipients-url]').forEach(function (output) {
    var form = output.closest('form');
    if (!form || !window.fetch) return;
    var names = ['lists', 'list_match', 'languages', 'regions', 'audiences'];
    var update = debounce(function () {
      var query = new URLSearchParams();
      new FormData(form).forEach(function (value, name) {
        if (names.indexOf(name) >= 0) query.append(name, value);
      });
      fetch(output.getAttribute('data-recipients-url') + '?' + query.toString(), {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' }
      })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) output.textContent = data.text; })
        .catch(function () {});
    }, 250);
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    update();
  });

  // Live preview: the form's own "preview draft" button, which targets the frame.
  document.querySelectorAll('form[data-live-preview]').forEach(function (form) {
    var button = form.querySelector('[data-preview-button]');
    if (!button || !form.requestSubmit) return;
    form.addEventListener('input', debounce(function () { form.requestSubmit(button); }, 700));
  });

  // Leaving the composer with unsaved edits of the variant asks first. Saving and the test
  // button (which saves before it sends) end the edits; the live preview saves nothing.
  var variant = document.getElementById('variant-form');
  if (variant) {
    var dirty = false;
    variant.addEventListener('input', function () { dirty = true; });
    variant.addEventListener('submit', function (event) {
      var by = event.submitter;
      if (!by || !by.hasAttribute('data-preview-button')) dirty = false;
    });
    window.addEventListener('beforeunload', function (event) {
      if (!dirty) return;
      event.preventDefault();
      event.returnValue = '';
    });
  }

  // Progress: one event per second while sending.
  var box = document.querySelector('[data-progress-events]');
  if (box && window.EventSource) {
    var labels = JSON.parse(box.getAttribute('data-status-labels') || '{}');
    // Numbers as the server writes them (admin/numbers.rs): grouped, one decimal for rates,
    // in the page's language (12.345 and 0,1 in German).
    var lang = document.documentElement.lang || 'en';
    var counts = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
    var rates = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    var set = function (id, value) {
      var el = document.getElementById(id);
      if (el) el.textContent = typeof value === 'number' ? counts.format(value) : String(value);
    };
    var source = new EventSource(box.getAttribute('data-progress-events'));
    source.addEventListener('progress', function (event) {
      var p = JSON.parse(event.data);
      var bar = document.getElementById('progress-bar');
      if (bar) {
        bar.value = p.percent_done;
        bar.textContent = p.percent_done + ' %';
      }
      set('progress-percent', p.percent_done);
      set('progress-total', p.total.pending + p.total.sending + p.total.sent + p.total.failed + p.total.bounced + p.total.skipped);
      set('progress-rate', rates.format(p.rate_per_second));
      set('total-sent', p.total.sent);
      set('total-failed', p.total.failed + p.total.bounced);
      set('total-skipped', p.total.skipped);
      set('total-pending', p.total.pending + p.total.sending);
      Object.keys(p.by_language).forEach(function (code) {
        var row = box.querySelector('tr[data-language="' + code + '"]');
        var l = p.by_language[code];
        if (!row) return;
        var cell = function (field, value) {
          var td = row.querySelector('[data-field="' + field + '"]');
          if (td) td.textContent = counts.format(value);
        };
        cell('sent', l.sent);
        cell('failed', l.failed + l.bounced);
        cell('skipped', l.skipped);
        cell('pending', l.pending + l.sending);
      });
      var badge = document.querySelector('#progress-status .badge');
      if (badge && labels[p.status]) {
        badge.textContent = labels[p.status];
        badge.className = 'badge ' + p.status;
      }
      box.setAttribute('data-status', p.status);
      if (p.status !== 'sending') {
        source.close();
        // The buttons depend on the status: show the page as it now is.
        setTimeout(function () { window.location.reload(); }, 2000);
      }
    });
  }
  // Translation files: a chosen file's text goes into the field its form posts.
  if (window.FileReader) {
    document.querySelectorAll('[data-translation-file]').forEach(function (input) {
      var field = input.form && input.form.querySelector('textarea[name="file"]');
      if (!field) return;
      input.addEventListener('change', function () {
        var file = input.files && input.files[0];
        if (!file) return;
        var reader = new FileReader();
        reader.onload = function () { field.value = reader.result; };
        reader.readAsText(file, 'utf-8');
      });
    });
  }
})();
