// The configuration rules the JavaScript shares with the widget's own
// (src/config.rs): the keys a clinic can set, a phone number, a clinic's name.
// One copy, bundled by scripts/build into each loader and the setup page.
// Both sides are tested against the same fixture, tests/config-rules.json
// (src/config.rs's tests, tests/e2e/config-rules.spec.js, and the WordPress
// plugin's tests); a test in src/config.rs checks KEYS against its own list.

/** The keys, as attributes of <infusion-check> and keys of the iframe page's fragment. */
export const KEYS = ["clinic-name", "clinic-phone", "after-hours-phone", "emergency-number", "lang", "infusion", "ended", "accent", "sticky-offset"];

/** The longest clinic name shown (config.rs, MAX_NAME). */
export const MAX_NAME = 80;

/**
 * A phone number (config.rs, Phone::parse): digits, spaces and + - ( ), a +
 * only at the start, at most 32 characters, at least 2 digits. Gives the
 * number as shown and its tel: target, or why it is refused.
 */
export function checkPhone(raw) {
  const s = String(raw ?? "").trim();
  if (!s) return { error: "is empty" };
  if ([...s].length > 32) return { error: "is longer than 32 characters" };
  const bad = [...s].find((c) => !/[0-9 +()-]/.test(c));
  if (bad) return { error: `contains "${shown(bad)}"; use only digits, spaces and + - ( )` };
  const digits = s.replace(/[^0-9]/g, "");
  if (digits.length < 2) return { error: "has fewer than 2 digits" };
  if (s.slice(1).includes("+")) return { error: "has a + that is not at the start" };
  return { text: s.replace(/\s+/g, " "), href: "tel:" + (s.startsWith("+") ? "+" : "") + digits };
}

/** A value in a message (config.rs, shown): printable ASCII as itself, anything else, " and \\ as \\u{hex}. */
export const shown = (v) => [...v].map((c) => (/^[ -~]$/.test(c) && c !== "\\" && c !== '"' ? c : `\\u{${c.codePointAt(0).toString(16)}}`)).join("");

/** The same, or null when it is refused. */
export function phone(raw) {
  const p = checkPhone(raw);
  return p.error ? null : p;
}

/** Text as the widget keeps it (config.rs, clean_text): control characters as spaces, invisible and direction marks dropped, runs of spaces as one. */
export const clean = (s) =>
  String(s ?? "").replace(/[\u0000-\u001f\u007f-\u009f]/g, " ").replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "").replace(/\s+/g, " ").trim();

/** A clinic's name as the widget shows it (config.rs, clean_text): cleaned, at most MAX_NAME characters, and nothing when it holds < or > (HTML code is never shown). */
export function clinicName(raw) {
  const s = [...clean(raw)].slice(0, MAX_NAME).join("");
  return /[<>]/.test(s) ? "" : s;
}
