/*
 * Passkeys for the back office (W3C Web Authentication Level 3), through Spring Security's endpoints:
 * registering on "Sign-in and security" (POST /webauthn/register/options, then /webauthn/register) and signing in
 * on the sign-in and second-step pages (POST /webauthn/authenticate/options, then /login/webauthn); and confirming a
 * change on "My account" with one of the person's own passkeys (the options from the button's
 * data-passkey-confirm URL, the answer sent in the form's "passkey" field with the form). Same-origin,
 * no inline script, so the content security policy stays script-src 'self'. The CSRF token is the page's own,
 * read from its forms. Without JavaScript the pages still work with a password and a code.
 */
(function () {
  'use strict';

  function bytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(base64 + '==='.slice((base64.length + 3) % 4));
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      out[i] = raw.charCodeAt(i);
    }
    return out.buffer;
  }

  function text(buffer) {
    var raw = '';
    new Uint8Array(buffer).forEach(function (b) { raw += String.fromCharCode(b); });
    return btoa(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function csrfHeaders() {
    var token = document.querySelector('input[name="_csrf"]');
    var headers = { 'Content-Type': 'application/json' };
    if (token) {
      headers['X-CSRF-TOKEN'] = token.value;
    }
    return headers;
  }

  function post(url, body) {
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: csrfHeaders(), body: body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      });
  }

  function showProblem() {
    var problem = document.getElementById('passkey-problem');
    if (problem) {
      problem.hidden = false;
      problem.focus();
    }
  }

  function register(form) {
    var label = form.querySelector('input[name="name"]').value.trim();
    if (!label) {
      form.querySelector('input[name="name"]').focus();
      return;
    }
    post('/webauthn/register/options').then(function (options) {
      options.challenge = bytes(options.challenge);
      options.user.id = bytes(options.user.id);
      (options.excludeCredentials || []).forEach(function (c) { c.id = bytes(c.id); });
      return navigator.credentials.create({ publicKey: options });
    }).then(function (credential) {
      var response = credential.response;
      return post('/webauthn/register', {
        publicKey: {
          credential: {
            id: credential.id,
            rawId: text(credential.rawId),
            response: {
              attestationObject: text(response.attestationObject),
              clientDataJSON: text(response.clientDataJSON),
              transports: response.getTransports ? response.getTransports() : []
            },
            type: credential.type,
            clientExtensionResults: credential.getClientExtensionResults(),
            authenticatorAttachment: credential.authenticatorAttachment
          },
          label: label
        }
      });
    }).then(function (result) {
      if (!result.success) {
        throw new Error('not registered');
      }
      window.location.assign('/staff/account/security?passkeyAdded');
    }).catch(showProblem);
  }

  /** A passkey's answer to the request options posted to optionsUrl, as the server reads it. */
  function assertion(optionsUrl) {
    return post(optionsUrl).then(function (options) {
      options.challenge = bytes(options.challenge);
      (options.allowCredentials || []).forEach(function (c) { c.id = bytes(c.id); });
      return navigator.credentials.get({ publicKey: options });
    }).then(function (credential) {
      var response = credential.response;
      return {
        id: credential.id,
        rawId: text(credential.rawId),
        response: {
          authenticatorData: text(response.authenticatorData),
          clientDataJSON: text(response.clientDataJSON),
          signature: text(response.signature),
          userHandle: response.userHandle ? text(response.userHandle) : null
        },
        credType: credential.type,
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment
      };
    });
  }

  function confirm(button) {
    var form = button.form;
    assertion(button.getAttribute('data-passkey-confirm')).then(function (answer) {
      form.querySelector('input[name="passkey"]').value = JSON.stringify(answer);
      form.submit();
    }).catch(showProblem);
  }

  function signIn() {
    assertion('/webauthn/authenticate/options').then(function (answer) {
      return post('/login/webauthn', answer);
    }).then(function (result) {
      if (!result.authenticated) {
        throw new Error('not signed in');
      }
      window.location.assign(result.redirectUrl);
    }).catch(showProblem);
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!window.PublicKeyCredential) {
      return;
    }
    document.querySelectorAll('form[data-passkey-register]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        register(form);
      });
    });
    document.querySelectorAll('[data-passkey-sign-in]').forEach(function (button) {
      button.addEventListener('click', signIn);
    });
    document.querySelectorAll('button[data-passkey-confirm]').forEach(function (button) {
      button.addEventListener('click', function () { confirm(button); });
    });
  });
}());
