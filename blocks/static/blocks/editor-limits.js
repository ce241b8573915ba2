// Length limits said as the editor types, never enforced by cutting the text.
//
// A field with a limit carries data-editor-limit (blocks/editor_rules.py). The browser's own
// maxlength would cut pasted text at the limit without a word; instead, from four fifths of the
// limit on, a line under the field counts the characters and, past the limit, says how many are
// too many. Saving over the limit is refused by the server with the same numbers.
(() => {
  const SHOW_FROM = 0.8;
  let serial = 0;

  const counterFor = (field) => {
    if (!field.id) field.id = `editor-limit-field-${(serial += 1)}`;
    const id = `${field.id}-limit`;
    let counter = document.getElementById(id);
    if (!counter) {
      counter = document.createElement('p');
      counter.id = id;
      counter.className = 'w-field__help editor-limit';
      counter.setAttribute('aria-live', 'polite');
      field.insertAdjacentElement('afterend', counter);
      const described = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      field.setAttribute('aria-describedby', [...described, id].join(' '));
    }
    return counter;
  };

  const update = (field) => {
    const limit = parseInt(field.dataset.editorLimit, 10);
    if (!limit) return;
    const length = [...field.value].length;
    const shown = field.id && document.getElementById(`${field.id}-limit`);
    if (length < limit * SHOW_FROM && !shown) return;
    const counter = counterFor(field);
    const over = length - limit;
    counter.textContent =
      over > 0
        ? `${length} of ${limit} characters: ${over} too many. Shorten it; it cannot be saved like this.`
        : `${length} of ${limit} characters.`;
    counter.classList.toggle('error-message', over > 0);
  };

  document.addEventListener('input', (event) => {
    if (event.target.matches && event.target.matches('[data-editor-limit]')) update(event.target);
  });
  const scan = () => document.querySelectorAll('[data-editor-limit]').forEach(update);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
  else scan();
})();
