// A newsroom entry's editor shows the fields of its kind: an article its body, a file its
// document, a link its address (panels marked data-entry-kinds in newsroom/models.py). Values
// in hidden fields are kept; the server checks what each kind needs.
(() => {
  const show = () => {
    const kind = document.querySelector('select[name="kind"]');
    if (!kind) return;
    document.querySelectorAll('[data-entry-kinds]').forEach((panel) => {
      // A field the last save refused stays in sight, whatever the kind, so it can be fixed.
      const refused = panel.querySelector('.error-message, [aria-invalid="true"]');
      panel.hidden = !refused && !panel.dataset.entryKinds.split(' ').includes(kind.value);
    });
  };
  document.addEventListener('change', (event) => {
    if (event.target.matches && event.target.matches('select[name="kind"]')) show();
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
})();
