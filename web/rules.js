// The configuration rules the JavaScript shares with the widget's own
// (src/config.rs): the keys a clinic can set, a phone number, a clinic's name,
// opening hours, a time zone, the therapy packs.
// One copy, bundled by scripts/build into each loader and the setup page.
// Both sides are tested against the same fixture, tests/config-rules.json
// (src/config.rs's tests, tests/e2e/config-rules.spec.js, and the WordPress
// plugin's tests); a test in src/config.rs checks KEYS against its own list.

/** The keys, as attributes of <infusion-check> and keys of the iframe page's fragment. */
export const KEYS = ["clinic-name", "clinic-phone", "after-hours-phone", "emergency-number", "lang", "infusion", "ended", "accent", "sticky-offset", "hours", "timezone", "therapy", "therapies"];

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

/**
 * Why opening hours are refused (config.rs, parse_hours), or "": rules split
 * by ";", each days (Mo-Fr, Mo,We, Fr-Mo) then times (08:00-12:00,13:00-18:00,
 * up to 24:00) or "off"; a later rule replaces an earlier one on its days.
 */
export function hoursProblem(s) {
  const DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
  const open = new Set();
  for (const rule of String(s ?? "").split(";").map((r) => r.trim()).filter(Boolean)) {
    const m = /^(\S+)\s+([\s\S]*)$/.exec(rule);
    if (!m) return `"${shown(rule)}" is not days then times`;
    const named = [];
    for (const item of m[1].split(",")) {
      const [a, b = a] = item.split(/-(.*)/s);
      for (const d of [a, b]) if (!DAYS.includes(d)) return `"${shown(d)}" is not a day: Mo Tu We Th Fr Sa Su`;
      let d = DAYS.indexOf(a);
      named.push(d);
      while (d !== DAYS.indexOf(b)) named.push((d = (d + 1) % 7));
    }
    const times = m[2].trim();
    if (times !== "off") {
      for (const span of times.split(",").map((t) => t.trim())) {
        const t = /^([0-2][0-9]):([0-5][0-9])-([0-2][0-9]):([0-5][0-9])$/.exec(span);
        const [h1, m1, h2, m2] = t ? t.slice(1).map(Number) : [];
        if (!t || h1 > 24 || h2 > 24 || h2 * 60 + m2 > 1440) return `"${shown(span)}" is not a time span like 08:00-18:00`;
        if (h1 * 60 + m1 >= h2 * 60 + m2) return `"${shown(span)}" ends before it starts`;
      }
    }
    for (const d of named) times === "off" ? open.delete(d) : open.add(d);
  }
  return open.size ? "" : "it is open on no day";
}

/** What the widget does instead of bad hours or an unknown zone. */
const HOURS_FALLBACK = "both numbers are shown, the after-hours line first.";

/** Opening hours as the widget keeps them (runs of space as one), or its message. */
export function checkHours(raw) {
  const why = hoursProblem(raw);
  if (!why) return { ok: String(raw).replace(/\s+/g, " ").trim() };
  return { error: `"${shown(raw)}" is not opening hours like "Mo-Fr 08:00-18:00; Sa 09:00-13:00" (${why}); ${HOURS_FALLBACK}` };
}

/** A time zone's name by its form (config.rs, parse_zone), trimmed, or null; the browser's Intl then says whether it knows it. */
export function zoneForm(raw) {
  const s = String(raw ?? "").trim();
  return /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(s) ? s : null;
}

/** A time zone as the widget keeps it, or its message (by its form only). */
export function checkZone(raw) {
  const z = zoneForm(raw);
  return z ? { ok: z } : { error: `"${shown(raw)}" is not a time zone like America/Los_Angeles; ${HOURS_FALLBACK}` };
}

/** The therapy packs, in the order the widget asks about them (config.rs). */
export const PACKS = ["magnesium", "iron", "vitamin-c", "vitamin-drip"];

/** Each pack in plain words, for the setup page. */
export const PACK_LABELS = {
  magnesium: "Magnesium",
  iron: "Iron",
  "vitamin-c": "Vitamin C, a large dose",
  "vitamin-drip": "A vitamin drip (Myers'-type) or fluids only",
};

/**
 * A `therapy` or `therapies` value (config.rs): pack names split by spaces or
 * commas, case-insensitive. Gives the known packs once each, in PACKS order,
 * and the unknown names as written (once each, ignoring the case of ASCII
 * letters, in the order given). Empty or blank: no packs and nothing
 * unknown (the widget then asks about magnesium).
 */
export function checkTherapy(raw) {
  // (Unicode's White_Space, as Rust's char::is_whitespace)
  const names = String(raw ?? "").split(/[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000,]+/).filter(Boolean);
  // (ASCII letters only, as Rust's to_ascii_lowercase and PHP's strtolower)
  const lower = (n) => n.replace(/[A-Z]+/g, (c) => c.toLowerCase());
  const given = new Set(names.map(lower));
  const odd = names.filter((n) => !PACKS.includes(lower(n)));
  const unknown = odd.filter((n, i) => odd.findIndex((m) => lower(m) === lower(n)) === i);
  return { packs: PACKS.filter((p) => given.has(p)), unknown };
}

/** The widget's message for unknown pack names (from checkTherapy), or "". */
export function therapyMessage(unknown) {
  if (!unknown.length) return "";
  const names = unknown.map((n) => `"${shown(n)}"`).join(", ");
  const is = unknown.length === 1 ? "is not a therapy" : "are not therapies";
  return `${names} ${is} this check knows (${PACKS.join(", ")}); the check asks about every therapy offered.`;
}
