// Length limits said as the editor types, never enforced by cutting the text.
//
// A field with a limit carries data-editor-limit (blocks/editor_rules.py, blocks/forms.py). The
// browser's own maxlength would cut pasted text at the limit without a word; instead, from four
// fifths of the limit on, a line under the field counts the characters and, past the limit,
// says how many are too many. Saving over the limit is refused by the server with the same
// numbers, except for a text kept as it was stored (an import may hold longer texts than the
// editor allows; the page still saves while that text is untouched).
(() => {
  const SHOW_FROM = 0.8;
  let serial = 0;
  const stored = new WeakMap(); // the value each field had when the page was opened

  const length = (text) => [...text.replace(/\r\n/g, '\n')].length;

  const parts = (field) => {
    if (!field.id) field.id = `editor-limit-field-${(serial += 1)}`;
    const id = `${field.id}-limit`;
    let counter = document.getElementById(id);
    if (!counter) {
      counter = document.createElement('p');
      counter.id = id;
      counter.className = 'w-field__help editor-limit';
      // Read with the field (not announced on every keystroke); crossing the limit is said
      // once, through the live region beside it.
      const live = document.createElement('span');
      live.className = 'w-sr-only';
      live.setAttribute('aria-live', 'polite');
      field.insertAdjacentElement('afterend', counter);
      counter.insertAdjacentElement('afterend', live);
      const described = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      field.setAttribute('aria-describedby', [...described, id].join(' '));
    }
    return { counter, live: counter.nextElementSibling };
  };

  const update = (field) => {
    const limit = parseInt(field.dataset.editorLimit, 10);
    if (!limit) return;
    const count = length(field.value);
    const shown = field.id && document.getElementById(`${field.id}-limit`);
    if (count < limit * SHOW_FROM && !shown) return;
    const { counter, live } = parts(field);
    const over = count - limit;
    const kept = over > 0 && stored.get(field) === field.value;
    if (over <= 0) {
      counter.textContent = `${count} of ${limit} characters.`;
    } else if (kept) {
      counter.textContent =
        `${count} of ${limit} characters: ${over} more than editors may write, kept as imported. ` +
        'It saves unchanged; once changed, it must fit.';
    } else {
      counter.textContent = `${count} of ${limit} characters: ${over} too many. Shorten it; it cannot be saved like this.`;
    }
    const state = over > 0 && !kept ? 'over' : 'fits';
    if (counter.dataset.state && counter.dataset.state !== state) {
      live.textContent = state === 'over' ? `Over the limit of ${limit} characters.` : 'Within the limit.';
    }
    counter.dataset.state = state;
    counter.classList.toggle('error-message', state === 'over');
  };

  // Fields drawn with a maxlength (Django gives one to every field with a max_length, and
  // StreamField draws its blocks from such definitions): the limit is kept, only counted.
  const adopt = (root) => {
    const fields = [...root.querySelectorAll('input[maxlength], textarea[maxlength]')];
    if (root.matches && root.matches('input[maxlength], textarea[maxlength]')) fields.push(root);
    fields.forEach((field) => {
      field.dataset.editorLimit = field.getAttribute('maxlength');
      field.removeAttribute('maxlength');
      if (!stored.has(field)) stored.set(field, field.value);
      update(field);
    });
  };

  document.addEventListener('input', (event) => {
    if (event.target.matches && event.target.matches('[data-editor-limit]')) update(event.target);
  });
  const scan = () => {
    adopt(document);
    document.querySelectorAll('[data-editor-limit]').forEach((field) => {
      if (!stored.has(field)) stored.set(field, field.value);
      update(field);
    });
  };
  const start = () => {
    scan();
    // StreamField draws its blocks (and editors add more) after the page has loaded.
    new MutationObserver((records) =>
      records.forEach((record) =>
        record.addedNodes.forEach((node) => {
          if (node.nodeType === Node.ELEMENT_NODE) adopt(node);
        }),
      ),
    ).observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
