const cr = window.ConsentRelay;
const $ = (s) => document.querySelector(s);
const show = (state) => {
  const el = $('#state');
  if (el) el.textContent = JSON.stringify(state, null, 2);
};
document.getElementById('geo-now') && ($('#geo-now').textContent = sessionStorage.getItem('demoGeo') || 'EU');
for (const b of document.querySelectorAll('[data-geo]'))
  b.addEventListener('click', async () => {
    sessionStorage.setItem('demoGeo', b.dataset.geo);
    await window.ConsentRelay?.reset();
    location.reload();
  });
$('#reset')?.addEventListener('click', () => window.ConsentRelay?.reset());
document.addEventListener('consent-relay:change', (e) => show(e.detail));
// The drop-in is async: it may start before or after this module.
const wait = () => (window.ConsentRelay ? window.ConsentRelay.ready.then(show) : setTimeout(wait, 20));
wait();
void cr;
