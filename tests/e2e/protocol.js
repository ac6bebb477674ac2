// The protocol's own wording (src/protocols/infusion-check.json, read only), so a
// test can check that each screen's heading is the right question in the
// right language.
const fs = require('fs');
const path = require('path');

const FILE = path.resolve(__dirname, '..', '..', 'src', 'protocols', 'infusion-check.json');
const protocol = JSON.parse(fs.readFileSync(FILE, 'utf8'));

const byId = new Map();
for (const q of protocol.questions) {
  byId.set(q.id, q);
  for (const s of q.sections || []) for (const item of s.items || []) byId.set(item.id, item);
}

// The therapy screen is the widget's own (src/i18n.rs), not the protocol's.
byId.set('therapy', { text: { en: 'What was in your drip?', es: '¿Qué tenía su suero?' } });

/** The heading of question `id` in `lang` ("they" wording when `they`). */
function questionText(id, lang, they = false) {
  const q = byId.get(id);
  if (!q) throw new Error(`unknown question ${id}`);
  const t = (they && q.text_they) || q.text;
  return t[lang];
}

/** The outcome title, with the demo page's emergency number filled in. */
function outcomeTitle(level, lang) {
  return protocol.outcomes[level].title[lang].replace('{EMERGENCY_NUMBER}', '911');
}

module.exports = { protocol, questionText, outcomeTitle };
