// The proof of work of the sign-up form (issue 23), after ALTCHA. For every form with
// data-rundbrief-pow (the challenge's URL, on this instance or, from the snippet, absolute),
// it fetches a challenge without cookies, finds the number n with
// SHA-256(salt + n) = challenge by trying 0, 1, 2, ... with crypto.subtle, and puts salt,
// number and signature into hidden fields. A form sent before that waits and is sent when
// the work is done. The texts come from the form's data-pow-* attributes, in its language.
(function () {
  'use strict';

  // Hashes tried at once: one promise per hash is slow, a few thousand per round are not.
  var ROUND = 2000;

  function hex(buffer) {
    var bytes = new Uint8Array(buffer);
    var out = '';
    for (var i = 0; i < bytes.length; i++) {
      out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    }
    return out;
  }

  async function solve(challenge) {
    var encoder = new TextEncoder();
    for (var start = 0; start <= challenge.maxnumber; start += ROUND) {
      var end = Math.min(start + ROUND - 1, challenge.maxnumber);
      var hashes = [];
      for (var n = start; n <= end; n++) {
        hashes.push(crypto.subtle.digest('SHA-256', encoder.encode(challenge.salt + n)));
      }
      var found = (await Promise.all(hashes)).findIndex(function (digest) {
        return hex(digest) === challenge.challenge;
      });
      if (found >= 0) {
        return start + found;
      }
    }
    return null;
  }

  function hidden(form, name, value) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  function say(form, text) {
    var status = form.querySelector('[data-rundbrief-pow-status]');
    if (status) {
      status.textContent = text || '';
    }
  }

  async function prepare(form) {
    form.dataset.powState = 'working';
    say(form, form.dataset.powWorking);
    try {
      var url = new URL(form.dataset.rundbriefPow, form.action || document.baseURI);
      var response = await fetch(url, { credentials: 'omit', cache: 'no-store' });
      if (!response.ok) {
        throw new Error('challenge: ' + response.status);
      }
      var challenge = await response.json();
      var number = await solve(challenge);
      if (number === null) {
        throw new Error('no solution');
      }
      hidden(form, 'pow_salt', challenge.salt);
      hidden(form, 'pow_number', String(number));
      hidden(form, 'pow_signature', challenge.signature);
      form.dataset.powState = 'done';
      say(form, form.dataset.powDone);
      if (form.dataset.powSend === 'yes') {
        form.requestSubmit();
      }
    } catch (error) {
      form.dataset.powState = 'failed';
      say(form, form.dataset.powFailed);
    }
  }

  document.querySelectorAll('form[data-rundbrief-pow]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (form.dataset.powState !== 'done') {
        event.preventDefault();
        form.dataset.powSend = 'yes';
        say(form, form.dataset.powState === 'failed' ? form.dataset.powFailed : form.dataset.powWorking);
      }
    });
    prepare(form);
  });
})();
