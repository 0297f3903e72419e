/*
 * The article editor's Markdown toolbar: EasyMDE (vendor/easymde, served by the site, so the content security
 * policy stays script-src 'self') on the body's text area, with headings, bold, italic, lists, link, image, the
 * inquiry box, keyboard shortcuts and a live preview beside the text. The preview is the server's own rendering
 * (POST /staff/articles/preview-body), not EasyMDE's marked, so inquiry boxes, anchors and sanitising look exactly
 * as readers will see them. EasyMDE keeps the text area's value in step, so the form posts as it does without
 * script; without script the text area is simply a text area.
 */
(function () {
  'use strict';

  var area = document.getElementById('bodyMarkdown');
  if (!area || typeof window.EasyMDE !== 'function') {
    return;
  }
  var form = area.form;
  var labels = area.dataset;
  var previewUrl = labels.previewUrl;
  var pending = null;
  var lastSent = null;

  function csrf() {
    var token = form.querySelector('input[name="_csrf"]');
    return token ? token.value : '';
  }

  /* Asks the server for the body as readers will see it, at most every 400 ms while typing. */
  function renderOnServer(text, preview) {
    if (pending) {
      clearTimeout(pending);
    }
    pending = setTimeout(function () {
      if (text === lastSent) {
        return;
      }
      lastSent = text;
      var body = new URLSearchParams();
      body.set('bodyMarkdown', text);
      body.set('_csrf', csrf());
      fetch(previewUrl, { method: 'POST', body: body, credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.text();
        })
        .then(function (html) {
          preview.innerHTML = html;
        })
        .catch(function () {
          lastSent = null;
          preview.textContent = labels.previewFailed;
        });
    }, 400);
    return null;
  }

  function wrapBox(editor) {
    var cm = editor.codemirror;
    var selected = cm.getSelection() || labels.boxText;
    cm.replaceSelection('\n\n' + labels.boxOpen + '\n' + selected + '\n:::\n\n');
    cm.focus();
  }

  /* className must be left out rather than empty: EasyMDE adds each of its words to the button's classList. */
  function button(name, action, text, title, className) {
    var made = { name: name, action: action, text: text, title: title };
    if (className) {
      made.className = className;
    }
    return made;
  }

  var editor = new window.EasyMDE({
    element: area,
    autoDownloadFontAwesome: false,
    spellChecker: false,
    nativeSpellcheck: true,
    inputStyle: 'contenteditable',
    forceSync: true,
    unorderedListStyle: '-',
    status: false,
    minHeight: '24rem',
    sideBySideFullscreen: false,
    previewRender: renderOnServer,
    previewClass: ['editor-preview', 'article__body'],
    toolbarButtonClassPrefix: 'mde',
    shortcuts: { wrapBox: 'Ctrl-Alt-B' },
    toolbar: [
      button('heading-2', window.EasyMDE.toggleHeading2, labels.h2, labels.h2Title),
      button('heading-3', window.EasyMDE.toggleHeading3, labels.h3, labels.h3Title),
      button('bold', window.EasyMDE.toggleBold, labels.bold, labels.boldTitle, 'mde-strong'),
      button('italic', window.EasyMDE.toggleItalic, labels.italic, labels.italicTitle, 'mde-em'),
      '|',
      button('unordered-list', window.EasyMDE.toggleUnorderedList, labels.ul, labels.ulTitle),
      button('ordered-list', window.EasyMDE.toggleOrderedList, labels.ol, labels.olTitle),
      '|',
      button('link', window.EasyMDE.drawLink, labels.link, labels.linkTitle),
      button('image', window.EasyMDE.drawImage, labels.image, labels.imageTitle),
      button('wrapBox', wrapBox, labels.box, labels.boxTitle),
      '|',
      { name: 'side-by-side', action: window.EasyMDE.toggleSideBySide, text: labels.preview,
        title: labels.previewTitle, noDisable: true }
    ]
  });

  /* Tab leaves the editor, as in any text area (WCAG 2.1.2, no keyboard trap); lists are indented with the
     toolbar instead. */
  var keys = Object.assign({}, editor.codemirror.getOption('extraKeys'), { 'Tab': false, 'Shift-Tab': false });
  editor.codemirror.setOption('extraKeys', keys);

  /* The editor is the labelled field now: its label and hint describe CodeMirror's own input. */
  var label = document.getElementById('bodyMarkdown-label');
  var input = editor.codemirror.getInputField();
  input.setAttribute('role', 'textbox');
  input.setAttribute('aria-multiline', 'true');
  input.setAttribute('aria-label', label.textContent);
  input.setAttribute('aria-describedby', area.getAttribute('aria-describedby') || 'bodyMarkdown-hint');
  if (area.getAttribute('aria-invalid') === 'true') {
    input.setAttribute('aria-invalid', 'true');
  }
  label.addEventListener('click', function () {
    editor.codemirror.focus();
  });
  /* The toolbar's buttons are reached with Tab (EasyMDE takes them out of the tab order). */
  Array.prototype.forEach.call(editor.toolbarElements ? Object.keys(editor.toolbarElements) : [], function (name) {
    editor.toolbarElements[name].tabIndex = 0;
  });
  if (window.matchMedia('(min-width: 64rem)').matches) {
    window.EasyMDE.toggleSideBySide(editor);
  }
}());
