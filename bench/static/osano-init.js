// Osano cookieconsent 3: opt-in type (no categories UI: one allow/deny for everything non-essential).
window.cookieconsent.initialise({
  type: 'opt-in',
  position: 'bottom',
  revokable: false,
  cookie: { name: 'cookieconsent_status', path: '/', expiryDays: 180 },
  content: {
    message: 'We use cookies for analytics, with your consent.',
    allow: 'Accept all',
    deny: 'Reject all',
    link: 'Learn more',
    href: '#',
  },
});
