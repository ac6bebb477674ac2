//! The clinic's configuration: parsed from the custom element's attributes or
//! the iframe page's URL fragment, every value checked. A bad value never stops
//! the widget: it gets a safe default and a plain message for the webmaster.
//! Pure Rust, tested natively.

use crate::protocol::Lang;
use std::fmt;

/// The emergency number when none (or a bad one) is configured.
pub const DEFAULT_EMERGENCY: &str = "911";

/// The configuration keys, as attribute names and fragment keys.
pub const KEYS: [&str; 13] = [
    "clinic-name",
    "clinic-phone",
    "after-hours-phone",
    "emergency-number",
    "lang",
    "infusion",
    "ended",
    "accent",
    "sticky-offset",
    "hours",
    "timezone",
    "therapy",
    "therapies",
];

const MAX_NAME: usize = 80;
const MAX_INFUSION: usize = 120;
const MAX_PHONE: usize = 32;
/// The tallest sticky header of a clinic's page the emergency bar goes under
/// (CSS pixels): more would leave a phone little room for the check.
pub const MAX_STICKY_OFFSET: u16 = 200;

/// A phone number: what is shown, and the `tel:` target (digits and a leading `+` only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone {
    /// As written (digits, spaces, `+ - ( )`).
    pub display: String,
    /// For `tel:` links: `+` and digits only.
    pub tel: String,
}

impl Phone {
    /// Checks a phone number: only digits, spaces and `+ - ( )`, 2 to 32 characters, at least 2 digits.
    pub fn parse(raw: &str) -> Result<Phone, String> {
        let s = raw.trim();
        if s.is_empty() {
            return Err("is empty".into());
        }
        if s.chars().count() > MAX_PHONE {
            return Err(format!("is longer than {MAX_PHONE} characters"));
        }
        if let Some(bad) = s
            .chars()
            .find(|c| !(c.is_ascii_digit() || matches!(c, '+' | '-' | '(' | ')' | ' ')))
        {
            return Err(format!(
                "contains \"{}\"; use only digits, spaces and + - ( )",
                shown(&bad.to_string())
            ));
        }
        let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.len() < 2 {
            return Err("has fewer than 2 digits".into());
        }
        if s.chars().skip(1).any(|c| c == '+') {
            return Err("has a + that is not at the start".into());
        }
        let tel = if s.starts_with('+') {
            format!("+{digits}")
        } else {
            digits
        };
        Ok(Phone {
            display: squash_spaces(s),
            tel,
        })
    }

    /// The `tel:` link.
    pub fn href(&self) -> String {
        format!("tel:{}", self.tel)
    }
}

/// Which language to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LangChoice {
    /// The phone's language (English unless it prefers Spanish).
    Auto,
    /// This one.
    Fixed(Lang),
}

/// A configuration value that was missing or bad, with what was done instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigIssue {
    /// The attribute or fragment key.
    pub key: String,
    /// What is wrong and what the widget does instead, in plain words.
    pub message: String,
}

impl fmt::Display for ConfigIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.key, self.message)
    }
}

/// The checked configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The clinic's name (may be empty: "your clinic" is shown).
    pub clinic_name: String,
    /// The clinic's phone.
    pub clinic_phone: Option<Phone>,
    /// The after-hours line.
    pub after_hours: Option<Phone>,
    /// The emergency number (always present).
    pub emergency: Phone,
    /// The language.
    pub lang: LangChoice,
    /// What was in the drip.
    pub infusion: String,
    /// When the drip ended (milliseconds since 1970, UTC).
    pub ended_ms: Option<f64>,
    /// The clinic's colour, adjusted to keep AA contrast with white text (`#rrggbb`).
    pub accent: Option<String>,
    /// The clinic's colour for the phone's dark setting: lightened to keep AA
    /// contrast with the dark background and the dark text on it.
    pub accent_dark: Option<String>,
    /// The height of the host page's own sticky header (CSS pixels): the
    /// custom element's emergency bar sticks below it, not under it.
    pub sticky_offset: u16,
    /// The clinic's opening hours, in its time zone.
    pub opening: Opening,
    /// What was in the drip: the therapy packs the check asks about.
    pub therapy: Therapy,
    /// Values as the clinic wrote them (trimmed), for the reminder's link
    /// back (`reminder::link`): read again, they give this configuration.
    pub written: Written,
}

/// The values whose checked form cannot be written back as it was read:
/// the hours (parsed into spans; a bad value or a zone the browser refuses
/// must give the same safe default again), and the colour before its
/// contrast was adjusted (its dark setting's colour is made from it).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Written {
    /// `hours`, read (good or bad).
    pub hours: Option<String>,
    /// `timezone`, read (good or bad).
    pub timezone: Option<String>,
    /// `accent`, when good.
    pub accent: Option<String>,
}

/// What was in the drip (`therapy`, `therapies`): pack IDs in the data
/// file's order (`crate::files::PACKS`).
#[derive(Clone, Debug, PartialEq)]
pub struct Therapy {
    /// The packs when the patient is not asked: preset by the clinic, the
    /// one it offers, or the cautious default (every pack offered).
    pub preset: Vec<String>,
    /// The packs the patient picks from on a screen of their own (two or
    /// more; empty: the patient is not asked). "I'm not sure" is all of them.
    pub offered: Vec<String>,
}

impl Default for Therapy {
    /// Neither key set: magnesium, what the check asked about before packs.
    fn default() -> Therapy {
        Therapy {
            preset: vec!["magnesium".into()],
            offered: Vec::new(),
        }
    }
}

/// Reads a list of pack IDs (separated by spaces or commas, any case):
/// the known ones in the data file's order, and the unknown ones as written.
pub fn parse_packs(raw: &str) -> (Vec<String>, Vec<String>) {
    let mut unknown = Vec::new();
    let mut named = Vec::new();
    for w in raw
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        let id = w.to_ascii_lowercase();
        if crate::files::PACKS.contains(&id.as_str()) {
            named.push(id);
        } else if !unknown.iter().any(|u: &String| u.eq_ignore_ascii_case(w)) {
            unknown.push(w.to_string());
        }
    }
    let known = crate::files::PACKS
        .iter()
        .filter(|p| named.iter().any(|n| n == *p))
        .map(|p| p.to_string())
        .collect();
    (known, unknown)
}

/// The week's opening spans, in minutes from Monday 00:00 (a span ends on
/// its own day, at 24:00 at the latest), in the order written.
pub type Week = Vec<(u16, u16)>;

/// Minutes in a day.
const DAY: u16 = 1440;

/// The clinic's opening hours (`hours` and `timezone`).
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Opening {
    /// Not set: "call the clinic" is as without hours.
    #[default]
    Unset,
    /// Set, but the hours or the zone are bad: the safe default, both numbers
    /// with the after-hours line first.
    Unknown,
    /// The week's spans, and the IANA time zone they are in.
    Hours(Week, String),
}

/// What the setup notice adds to a bad `hours` or `timezone`.
const HOURS_FALLBACK: &str = "both numbers are shown, the after-hours line first.";

impl Default for Config {
    fn default() -> Config {
        Config {
            clinic_name: String::new(),
            clinic_phone: None,
            after_hours: None,
            emergency: Phone {
                display: DEFAULT_EMERGENCY.into(),
                tel: DEFAULT_EMERGENCY.into(),
            },
            lang: LangChoice::Auto,
            infusion: String::new(),
            ended_ms: None,
            accent: None,
            accent_dark: None,
            sticky_offset: 0,
            opening: Opening::Unset,
            therapy: Therapy::default(),
            written: Written::default(),
        }
    }
}

fn clean_text(raw: &str, max: usize) -> (String, Option<String>) {
    let cleaned: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}'))
        .collect();
    let cleaned = squash_spaces(&cleaned);
    let mut problem = None;
    let cleaned = if cleaned.chars().count() > max {
        problem = Some(format!("is longer than {max} characters; it was shortened"));
        cleaned.chars().take(max).collect::<String>()
    } else {
        cleaned
    };
    // Markup pasted by mistake (or put in a patient link's fragment by someone
    // else) is never shown to patients, not even as text.
    if cleaned.contains('<') || cleaned.contains('>') {
        return (
            String::new(),
            Some(
                "contains < or > (it looks like HTML code), so it is not shown to patients".into(),
            ),
        );
    }
    (cleaned, problem)
}

impl Config {
    /// Parses key/value pairs (attributes or fragment). Unknown keys and bad
    /// values give issues; the result is always usable.
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        now_ms: f64,
    ) -> (Config, Vec<ConfigIssue>) {
        let mut c = Config::default();
        let mut issues = Vec::new();
        let mut issue = |key: &str, message: String| {
            issues.push(ConfigIssue {
                key: key.to_string(),
                message,
            })
        };
        let mut has_clinic_phone = false;
        let (mut week, mut zone) = (None, None);
        let (mut therapy, mut therapies) = (None, None);
        let pairs: Vec<(String, &str)> = pairs
            .into_iter()
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v))
            .collect();
        for (i, (key, value)) in pairs.iter().enumerate() {
            let (key, value) = (key.clone(), *value);
            // A key given twice (a patient link edited by hand): only the
            // last one is read, valid or not, and the webmaster is told.
            if pairs.iter().skip(i + 1).any(|(k, _)| *k == key) {
                if KEYS.contains(&key.as_str()) {
                    issue(
                        &key,
                        "is given more than once; only the last one is read.".into(),
                    );
                }
                continue;
            }
            match key.as_str() {
                "clinic-name" => {
                    let (name, problem) = clean_text(value, MAX_NAME);
                    if let Some(p) = problem {
                        issue(&key, p);
                    }
                    c.clinic_name = name;
                }
                "clinic-phone" => {
                    has_clinic_phone = true;
                    match Phone::parse(value) {
                        Ok(p) => c.clinic_phone = Some(p),
                        Err(e) => issue(&key, format!("{e}. The clinic's phone is not shown; patients are told to use the number on their discharge papers.")),
                    }
                }
                "after-hours-phone" => match Phone::parse(value) {
                    Ok(p) => c.after_hours = Some(p),
                    Err(e) => issue(&key, format!("{e}. No after-hours line is shown.")),
                },
                "emergency-number" => match Phone::parse(value) {
                    Ok(p) => c.emergency = p,
                    Err(e) => issue(&key, format!("{e}. The emergency number {DEFAULT_EMERGENCY} is shown instead.")),
                },
                "lang" => {
                    let v = value.trim().to_ascii_lowercase();
                    c.lang = match v.as_str() {
                        "auto" | "" => LangChoice::Auto,
                        "en" => LangChoice::Fixed(Lang::En),
                        "es" => LangChoice::Fixed(Lang::Es),
                        _ => {
                            issue(&key, format!("\"{}\" is not en, es or auto; the phone's language is used.", shown(value)));
                            LangChoice::Auto
                        }
                    }
                }
                "infusion" => {
                    let (text, problem) = clean_text(value, MAX_INFUSION);
                    if let Some(p) = problem {
                        issue(&key, p);
                    }
                    c.infusion = text;
                }
                "ended" => match parse_iso8601(value) {
                    Some(ms) if ms > now_ms + 5.0 * 60_000.0 => issue(&key, "is in the future; the patient is asked when the drip ended.".into()),
                    Some(ms) => c.ended_ms = Some(ms),
                    None => issue(&key, format!("\"{}\" is not an ISO 8601 date and time with its time zone (like 2026-11-25T14:30:00-05:00, or 2026-11-25T19:30:00Z in UTC); the patient is asked when the drip ended.", shown(value))),
                },
                "accent" => match parse_hex_colour(value) {
                    Some(rgb) => {
                        c.written.accent = Some(value.trim().to_string());
                        c.accent = Some(accessible_accent(rgb));
                        c.accent_dark = Some(accessible_accent_dark(rgb));
                    }
                    None => issue(&key, format!("\"{}\" is not a colour like #0a5c8f; the default colour is used.", shown(value))),
                },
                "sticky-offset" => match parse_sticky_offset(value) {
                    Some(px) => c.sticky_offset = px,
                    None => issue(&key, format!("\"{}\" is not a height in pixels from 0 to {MAX_STICKY_OFFSET} (like 64); the emergency bar sticks to the top of the screen.", shown(value))),
                },
                "hours" => {
                    c.written.hours = Some(value.trim().to_string());
                    week = Some(parse_hours(value).map_err(|e| issue(&key, format!("\"{}\" is not opening hours like \"Mo-Fr 08:00-18:00; Sa 09:00-13:00\" ({e}); {HOURS_FALLBACK}", shown(value)))));
                }
                "timezone" => {
                    c.written.timezone = Some(value.trim().to_string());
                    zone = Some(parse_zone(value).ok_or_else(|| issue(&key, zone_message(value))));
                }
                "therapy" => therapy = Some(parse_packs(value)),
                "therapies" => therapies = Some(parse_packs(value)),
                // Other attributes of the element (id, class, style ...) are the page's business.
                _ => {}
            }
        }
        // A zone alone changes nothing; hours need their zone.
        if let Some(week) = week {
            c.opening = match (week, zone) {
                (Ok(w), Some(Ok(z))) => Opening::Hours(w, z),
                (_, None) => {
                    issue("timezone", format!("is missing; the opening hours need it (like America/Los_Angeles): {HOURS_FALLBACK}"));
                    Opening::Unknown
                }
                _ => Opening::Unknown,
            };
        }
        // What was in the drip. A name this check does not know could be any
        // of its packs: the cautious reading asks about every one offered.
        let all: Vec<String> = crate::files::PACKS.iter().map(|p| p.to_string()).collect();
        let unknown_message = |unknown: &[String]| {
            let names: Vec<String> = unknown
                .iter()
                .map(|n| format!("\"{}\"", shown(n)))
                .collect();
            let is = if unknown.len() == 1 {
                "is not a therapy"
            } else {
                "are not therapies"
            };
            format!(
                "{} {is} this check knows ({}); the check asks about every therapy offered.",
                names.join(", "),
                all.join(", ")
            )
        };
        let bad_offer = matches!(&therapies, Some((_, u)) if !u.is_empty());
        let offered = match therapies {
            Some((_, unknown)) if !unknown.is_empty() => {
                issue("therapies", unknown_message(&unknown));
                None
            }
            Some((known, _)) if known.is_empty() => None,
            Some((known, _)) => Some(known),
            None => None,
        };
        c.therapy = match therapy {
            Some((_, unknown)) if !unknown.is_empty() => {
                issue("therapy", unknown_message(&unknown));
                Therapy {
                    preset: offered.unwrap_or_else(|| all.clone()),
                    offered: Vec::new(),
                }
            }
            Some((known, _)) if !known.is_empty() => Therapy {
                preset: known,
                offered: Vec::new(),
            },
            _ => match offered {
                Some(o) if o.len() >= 2 => Therapy {
                    preset: o.clone(),
                    offered: o,
                },
                Some(o) => Therapy {
                    preset: o,
                    offered: Vec::new(),
                },
                // (a bad `therapies` list: every pack, not asked)
                None if bad_offer => Therapy {
                    preset: all,
                    offered: Vec::new(),
                },
                None => Therapy::default(),
            },
        };
        if !has_clinic_phone {
            issue("clinic-phone", "is missing. The clinic's phone is not shown; patients are told to use the number on their discharge papers.".into());
        }
        (c, issues)
    }

    /// Parses a URL fragment like `#clinic-name=Demo&clinic-phone=%2B1%20555`.
    pub fn parse_fragment(fragment: &str, now_ms: f64) -> (Config, Vec<ConfigIssue>) {
        let pairs: Vec<(String, String)> = fragment
            .trim_start_matches('#')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (percent_decode(k), percent_decode(v))
            })
            .collect();
        Config::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), now_ms)
    }

    /// The answer to the time-since-the-drip question (`roles.time_since_end`)
    /// the `ended` time gives, at `now_ms`.
    pub fn time_since_end(&self, now_ms: f64) -> Option<&'static str> {
        let hours = (now_ms - self.ended_ms?) / 3_600_000.0;
        let band = crate::roles::TIME_BANDS
            .iter()
            .find(|(under, _)| hours < *under);
        Some(band.map_or(crate::roles::TIME_BAND_LAST, |(_, code)| code))
    }
}

/// Decodes `%XX` escapes and `+` as space; invalid escapes are kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes.get(i) {
            Some(b'%') => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            Some(b'+') => {
                out.push(b' ');
                i += 1;
            }
            Some(&b) => {
                out.push(b);
                i += 1;
            }
            None => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A value as a webmaster can read it in a message: printable ASCII as is,
/// anything else (control, bidi, zero-width, non-ASCII) as `\u{..}`.
pub fn shown(value: &str) -> String {
    let mut out = String::new();
    for c in value.chars() {
        if (c == ' ' || c.is_ascii_graphic()) && c != '\\' && c != '"' {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        }
    }
    out
}

/// `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)` → milliseconds since 1970.
///
/// The time and its zone are required: a bare date, or a time with no zone
/// ("14:30", meant as the clinic's local time), would be read hours off and
/// could put the drip in a later time band than the true one, which can lower
/// the result (an allergic reaction within the hour is an emergency).
pub fn parse_iso8601(s: &str) -> Option<f64> {
    let s = s.trim();
    let num = |a: usize, b: usize| -> Option<i64> {
        let part = s.get(a..b)?;
        if part.chars().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if s.len() < 10 || s.get(4..5) != Some("-") || s.get(7..8) != Some("-") {
        return None;
    }
    let (y, mo, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) {
        return None;
    }
    let (mut sec, mut offset_min) = (0.0, 0);
    let rest = s.get(10..)?;
    let (h, mi) = {
        let t = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
        if t.len() < 5 || t.get(2..3) != Some(":") {
            return None;
        }
        let tn = |a: usize, b: usize| -> Option<i64> {
            let part = t.get(a..b)?;
            if part.chars().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let (h, mi) = (tn(0, 2)?, tn(3, 5)?);
        let mut tail = t.get(5..)?;
        if let Some(after) = tail.strip_prefix(':') {
            let end = after
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(after.len());
            // Whole seconds and a fraction, read as integers (no float parser
            // in the wasm): "07", "07.5", "07.250".
            let (whole, frac) = after
                .get(..end)?
                .split_once('.')
                .unwrap_or((after.get(..end)?, ""));
            if whole.is_empty() || whole.len() > 2 || frac.contains('.') {
                return None;
            }
            let whole: u32 = whole.parse().ok()?;
            let ms: u32 = format!("{frac:0<3}").get(..3)?.parse().ok()?;
            sec = f64::from(whole) + f64::from(ms) / 1000.0;
            tail = after.get(end..)?;
        }
        match tail {
            "Z" | "z" => {}
            tz => {
                let sign = match tz.get(..1) {
                    Some("+") => 1,
                    Some("-") => -1,
                    _ => return None,
                };
                let digits: String = tz.get(1..)?.chars().filter(|c| *c != ':').collect();
                if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                let oh: i64 = digits.get(..2)?.parse().ok()?;
                let om: i64 = digits.get(2..)?.parse().ok()?;
                if oh > 14 || om > 59 {
                    return None;
                }
                offset_min = sign * (oh * 60 + om);
            }
        }
        if h > 23 || mi > 59 || !(0.0..61.0).contains(&sec) {
            return None;
        }
        (h, mi)
    };
    let days = days_from_civil(y, mo, d);
    let minutes = days * 1440 + h * 60 + mi - offset_min;
    Some(minutes as f64 * 60_000.0 + sec * 1000.0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Runs of white space as one space, none at the ends.
fn squash_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The height of a sticky header: whole CSS pixels from 0 to
/// [`MAX_STICKY_OFFSET`], digits with an optional `px` (`64`, `64px`).
pub fn parse_sticky_offset(s: &str) -> Option<u16> {
    let s = s.trim();
    let digits = s.strip_suffix("px").unwrap_or(s);
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // (three digits at most: no overflow; no integer parser for one use)
    let px = digits
        .bytes()
        .fold(0u16, |n, b| n * 10 + u16::from(b - b'0'));
    (px <= MAX_STICKY_OFFSET).then_some(px)
}

/// The message for a time zone that is not one (by its form here, or the
/// browser's `Intl` refused it).
pub fn zone_message(value: &str) -> String {
    format!(
        "\"{}\" is not a time zone like America/Los_Angeles; {HOURS_FALLBACK}",
        shown(value)
    )
}

/// An IANA time zone's name by its form (`America/Los_Angeles`, `UTC`,
/// `Etc/GMT+5`): the browser's `Intl` says whether it knows it.
pub fn parse_zone(s: &str) -> Option<String> {
    let s = s.trim();
    let ok = s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'-' | b'/'));
    ok.then(|| s.to_string())
}

/// Opening hours in OpenStreetMap's style, a small part of it: rules split
/// by `;`, each days then times, like `Mo-Fr 08:00-12:00,13:00-18:00; Sa
/// 09:00-13:00; We off`. Days: `Mo Tu We Th Fr Sa Su`, a range (`Mo-Fr`,
/// `Fr-Mo` goes round the week) or a list (`Mo,We,Fr-Su`); times: spans
/// `HH:MM-HH:MM` within one day (up to 24:00), split by `,`, or `off`. A
/// later rule replaces an earlier one on the days it names. The error is
/// the reason, for the setup notice.
pub fn parse_hours(s: &str) -> Result<Week, String> {
    const DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
    let mut week = Week::new();
    for rule in s.split(';').map(str::trim).filter(|r| !r.is_empty()) {
        let Some((days, times)) = rule.split_once(char::is_whitespace) else {
            return Err(format!("\"{}\" is not days then times", shown(rule)));
        };
        let mut named = [false; 7];
        for item in days.split(',') {
            let (a, b) = item.split_once('-').unwrap_or((item, item));
            let day = |d: &str| {
                DAYS.iter()
                    .position(|x| *x == d)
                    .ok_or_else(|| format!("\"{}\" is not a day: Mo Tu We Th Fr Sa Su", shown(d)))
            };
            let (mut d, b) = (day(a)?, day(b)?);
            named[d] = true;
            while d != b {
                d = (d + 1) % 7;
                named[d] = true;
            }
        }
        // A later rule replaces an earlier one on its days.
        week.retain(|span| !named.get(usize::from(span.0 / DAY)).is_some_and(|n| *n));
        let times = times.trim();
        if times == "off" {
            continue;
        }
        for span in times.split(',').map(str::trim) {
            let (start, end) = span
                .split_once('-')
                .and_then(|(a, b)| Some((hhmm(a)?, hhmm(b)?)))
                .filter(|(_, end)| *end <= DAY)
                .ok_or_else(|| {
                    format!("\"{}\" is not a time span like 08:00-18:00", shown(span))
                })?;
            if start >= end {
                return Err(format!("\"{}\" ends before it starts", shown(span)));
            }
            for (d, _) in (0u16..).zip(named).filter(|(_, n)| *n) {
                week.push((d * DAY + start, d * DAY + end));
            }
        }
    }
    if week.is_empty() {
        return Err("it is open on no day".into());
    }
    Ok(week)
}

/// `HH:MM` (up to 24:59) in minutes.
fn hhmm(s: &str) -> Option<u16> {
    let d = |c: &u8| u16::from(c - b'0');
    match s.as_bytes() {
        [h @ b'0'..=b'2', i @ b'0'..=b'9', b':', m @ b'0'..=b'5', n @ b'0'..=b'9'] => {
            let hour = d(h) * 10 + d(i);
            (hour <= 24).then_some(hour * 60 + d(m) * 10 + d(n))
        }
        _ => None,
    }
}

/// When the clinic is open at `t` (minutes from Monday 00:00, its own
/// time): `Some(closing time of the day)`, or `None` when closed.
pub fn open_until(week: &Week, t: u16) -> Option<u16> {
    week.iter()
        .find(|(a, b)| *a <= t && t < *b)
        .map(|(a, b)| b - a / DAY * DAY)
}

/// When the clinic next opens after `t` (minutes from Monday 00:00, its own
/// time): the day, 0 for today or 1 to 7 for Monday to Sunday, and the
/// time of that day.
pub fn next_open(week: &Week, t: u16) -> Option<(usize, u16)> {
    const WEEK: u16 = 7 * DAY;
    let at = t + week
        .iter()
        .map(|(a, _)| (a + WEEK - t - 1) % WEEK + 1)
        .min()?;
    let day = if at / DAY == t / DAY {
        0
    } else {
        usize::from(at / DAY % 7) + 1
    };
    Some((day, at % DAY))
}

/// `HH:MM`.
pub fn clock(minute: u16) -> String {
    let two = |n: u16| {
        [
            char::from(b'0' + (n / 10) as u8),
            char::from(b'0' + (n % 10) as u8),
        ]
    };
    let [a, b] = two(minute / 60);
    let [c, d] = two(minute % 60);
    [a, b, ':', c, d].iter().collect()
}

/// `#rgb` or `#rrggbb`.
pub fn parse_hex_colour(s: &str) -> Option<(u8, u8, u8)> {
    let hex = s.trim().strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    match hex.len() {
        3 => {
            let d: Vec<String> = hex.chars().map(|c| format!("{c}{c}")).collect();
            Some((
                channel(d.first()?)?,
                channel(d.get(1)?)?,
                channel(d.get(2)?)?,
            ))
        }
        6 => Some((
            channel(hex.get(0..2)?)?,
            channel(hex.get(2..4)?)?,
            channel(hex.get(4..6)?)?,
        )),
        _ => None,
    }
}

/// `x^2.4` for `x` in (0, 1]: `x² · y` where `y⁵ = x²`, by Newton's method
/// from above (monotone there). libm's `pow` would add 1.4 kB to the wasm
/// for this one use; the test checks every channel value against `powf`.
fn pow_2_4(x: f64) -> f64 {
    let x2 = x * x;
    let mut y = 1.0;
    for _ in 0..24 {
        let y4 = (y * y) * (y * y);
        y = (4.0 * y + x2 / y4) / 5.0;
    }
    x2 * y
}

fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            pow_2_4((c + 0.055) / 1.055)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// The WCAG contrast ratio of a colour against white.
pub fn contrast_with_white(rgb: (u8, u8, u8)) -> f64 {
    1.05 / (luminance(rgb) + 0.05)
}

/// The WCAG contrast ratio of two colours.
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The dark setting's text on the accent (`--ic-accent-ink` in the CSS), the
/// lighter of it and the dark background (`--ic-bg`, #121417).
pub const DARK_INK: (u8, u8, u8) = (0x0b, 0x1a, 0x26);

/// The colour, lightened (towards white) just enough for 4.5:1 (AA) with the
/// dark setting's text and background: a navy clinic colour would otherwise
/// be a navy button on a near-black screen.
pub fn accessible_accent_dark(rgb: (u8, u8, u8)) -> String {
    let mut c = rgb;
    let mut step = 0;
    while contrast(c, DARK_INK) < 4.5 && step < 100 {
        let lighter = |v: u8| (f64::from(v) + (255.0 - f64::from(v)) * 0.08).ceil() as u8;
        c = (lighter(c.0), lighter(c.1), lighter(c.2));
        step += 1;
    }
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// The colour, darkened just enough for white text on it to reach 4.5:1 (AA).
pub fn accessible_accent(rgb: (u8, u8, u8)) -> String {
    let mut c = rgb;
    let mut step = 0;
    while contrast_with_white(c) < 4.5 && step < 100 {
        let darker = |v: u8| (f64::from(v) * 0.95).floor() as u8;
        c = (darker(c.0), darker(c.1), darker(c.2));
        step += 1;
    }
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pow_2_4_matches_powf_on_every_channel_value() {
        for c in 11..=255u8 {
            let x = (f64::from(c) / 255.0 + 0.055) / 1.055;
            let (ours, libm) = (pow_2_4(x), x.powf(2.4));
            assert!((ours - libm).abs() <= 1e-12 * libm, "{c}: {ours} vs {libm}");
        }
    }

    #[test]
    fn phones_keep_only_digits_and_plus_in_tel() {
        let p = Phone::parse(" +1 (555) 010-0100 ").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.tel, "+15550100100");
        assert_eq!(p.display, "+1 (555) 010-0100");
        for bad in [
            "",
            "javascript:alert(1)",
            "911;ext",
            "+",
            "1",
            "12+3",
            "\u{202e}911",
            "<b>911</b>",
            "9 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1",
        ] {
            assert!(Phone::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn bad_values_are_shown_readably() {
        assert_eq!(shown("en-GB"), "en-GB");
        assert_eq!(
            shown("a\u{202e}b\n\"\\é"),
            "a\\u{202e}b\\u{a}\\u{22}\\u{5c}\\u{e9}"
        );
    }

    #[test]
    fn dates_parse_with_offsets_and_reject_nonsense() {
        assert_eq!(parse_iso8601("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(parse_iso8601("1970-01-01T01:00:00+01:00"), Some(0.0));
        assert_eq!(
            parse_iso8601("2026-11-25T00:00-05:00"),
            Some((20_782.0 * 1440.0 + 300.0) * 60_000.0)
        );
        assert_eq!(parse_iso8601("1970-01-01T00:00:07Z"), Some(7_000.0));
        assert_eq!(parse_iso8601("1970-01-01T00:00:07.5Z"), Some(7_500.0));
        assert_eq!(parse_iso8601("1970-01-01T00:00:07.25+00:00"), Some(7_250.0));
        assert_eq!(parse_iso8601("1970-01-01T00:00:07.123456Z"), Some(7_123.0));
        for bad in [
            "",
            "yesterday",
            "2026-13-01",
            "2026-02-30",
            "2026-11-25T25:00",
            "2026-11-25T10:00+99:00",
            "2026-11-25T10:00Zjunk",
            "2026-11-25T10:00:.5Z",
            "2026-11-25T10:00:1.2.3Z",
            "2026-11-25T10:00:123Z",
            "2026-11-25T10:00:61Z",
            // No time, or no zone: the clinic's local time would be read as
            // UTC, hours off.
            "2026-11-25",
            "2026-11-25T14:30",
            "2026-11-25T14:30:00",
            "2026-11-25 14:30",
        ] {
            assert_eq!(parse_iso8601(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn accents_reach_aa_contrast() {
        let light = accessible_accent((255, 221, 0));
        let rgb = parse_hex_colour(&light).unwrap_or((0, 0, 0));
        assert!(contrast_with_white(rgb) >= 4.5, "{light}");
        assert_eq!(accessible_accent((0x0a, 0x3d, 0x62)), "#0a3d62");
    }

    #[test]
    fn dark_accents_reach_aa_contrast_with_the_dark_text_and_background() {
        let dark_bg = (0x12, 0x14, 0x17);
        for rgb in [
            (0, 0, 0x80),
            (0, 0, 0),
            (0xb3, 0x26, 0x1e),
            (0x0a, 0x5c, 0x8f),
            (255, 221, 0),
            (255, 255, 255),
        ] {
            let hex = accessible_accent_dark(rgb);
            let c = parse_hex_colour(&hex).unwrap_or((0, 0, 0));
            assert!(contrast(c, DARK_INK) >= 4.5, "{rgb:?} -> {hex}: ink");
            assert!(contrast(c, dark_bg) >= 4.5, "{rgb:?} -> {hex}: background");
        }
        // A colour that is already light enough is kept as it is.
        assert_eq!(accessible_accent_dark((255, 221, 0)), "#ffdd00");
    }

    #[test]
    fn a_key_given_twice_is_reported_and_the_last_one_used() {
        // The last one is read even when it is bad: then the default, never
        // the earlier value.
        for (last, tel) in [("999", "999"), ("x", "911")] {
            let (c, issues) = Config::parse(
                [
                    ("emergency-number", "112"),
                    ("clinic-phone", "555 0100"),
                    ("Emergency-Number", last),
                ],
                0.0,
            );
            assert_eq!(c.emergency.tel, tel);
            let keys: Vec<&str> = issues.iter().map(|i| i.key.as_str()).collect();
            let bad = usize::from(last == "x");
            assert_eq!(keys, vec!["emergency-number"; 1 + bad], "{issues:?}");
        }
    }

    #[test]
    fn bad_values_give_issues_and_safe_defaults() {
        let (c, issues) = Config::parse(
            [
                ("clinic-phone", "javascript:alert(1)"),
                ("emergency-number", ""),
                ("lang", "fr"),
                ("accent", "red"),
            ],
            0.0,
        );
        assert_eq!(c.emergency.tel, "911");
        assert!(c.clinic_phone.is_none());
        assert_eq!(c.lang, LangChoice::Auto);
        assert_eq!(issues.len(), 4, "{issues:?}");
    }

    #[test]
    fn sticky_offsets_are_whole_pixels_up_to_the_bound() {
        for (ok, px) in [
            ("0", 0),
            ("64", 64),
            (" 72px ", 72),
            ("200", 200),
            ("007", 7),
        ] {
            assert_eq!(parse_sticky_offset(ok), Some(px), "{ok:?}");
        }
        for bad in [
            "",
            "px",
            "-5",
            "+5",
            "201",
            "999",
            "12.5",
            "1e2",
            "64 px",
            "64PX",
            "64em",
            "0x40",
            "\u{0664}",
            "64;top:0",
            "99999999999",
        ] {
            assert_eq!(parse_sticky_offset(bad), None, "{bad:?}");
        }
        let (c, issues) = Config::parse(
            [("clinic-phone", "555 0100"), ("sticky-offset", "abc")],
            0.0,
        );
        assert_eq!(c.sticky_offset, 0);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].key, "sticky-offset");
    }

    /// Minutes from Monday 00:00 of a day (0: Monday) and `HH:MM`.
    fn at(day: u16, h: u16, m: u16) -> u16 {
        day * DAY + h * 60 + m
    }

    #[test]
    fn opening_hours_parse_in_the_osm_style() {
        let week = parse_hours("Mo-Fr 08:00-18:00; Sa 09:00-13:00").unwrap_or_default();
        assert_eq!(week.len(), 6);
        assert_eq!(week[0], (at(0, 8, 0), at(0, 18, 0)));
        assert_eq!(week[5], (at(5, 9, 0), at(5, 13, 0)));
        // Lists, a range round the week, two spans, a later rule wins, off,
        // up to 24:00.
        let week = parse_hours(" Mo,We,Fr-Su 13:00-18:00, 08:00-12:00 ;We off;Su 10:00-24:00;")
            .unwrap_or_default();
        let open: Vec<bool> = (0..7)
            .map(|d| open_until(&week, at(d, 9, 0)).is_some())
            .collect();
        assert_eq!(open, [true, false, false, false, true, true, false]);
        assert_eq!(open_until(&week, at(0, 13, 0)), Some(18 * 60));
        assert_eq!(open_until(&week, at(0, 12, 30)), None);
        assert_eq!(open_until(&week, at(6, 23, 59)), Some(DAY));
        assert_eq!(open_until(&week, at(6, 9, 59)), None);
        let week = parse_hours("Sa-Mo\t00:00-00:30").unwrap_or_default();
        let days: Vec<u16> = week.iter().map(|s| s.0 / DAY).collect();
        assert_eq!(days, [0, 5, 6]);
        for (bad, why) in [
            ("", "it is open on no day"),
            (" ; ", "it is open on no day"),
            ("Mo-Su off", "it is open on no day"),
            ("Mo-Fr 08:00-18:00; Mo-Fr off", "it is open on no day"),
            ("Mo-Fr", "\"Mo-Fr\" is not days then times"),
            (
                "Mo-Fr08:00-18:00",
                "\"Mo-Fr08:00-18:00\" is not days then times",
            ),
            (
                "Mon-Fri 08:00-18:00",
                "\"Mon\" is not a day: Mo Tu We Th Fr Sa Su",
            ),
            (
                "mo 08:00-18:00",
                "\"mo\" is not a day: Mo Tu We Th Fr Sa Su",
            ),
            (
                "Mo,,Tu 08:00-18:00",
                "\"\" is not a day: Mo Tu We Th Fr Sa Su",
            ),
            (
                "Mo-Tu-We 08:00-18:00",
                "\"Tu-We\" is not a day: Mo Tu We Th Fr Sa Su",
            ),
            (
                "Mo 8:00-18:00",
                "\"8:00-18:00\" is not a time span like 08:00-18:00",
            ),
            (
                "Mo 08:00-18:00pm",
                "\"08:00-18:00pm\" is not a time span like 08:00-18:00",
            ),
            (
                "Mo 08:00-18:00-19:00",
                "\"08:00-18:00-19:00\" is not a time span like 08:00-18:00",
            ),
            (
                "Mo 08:00 - 18:00",
                "\"08:00 - 18:00\" is not a time span like 08:00-18:00",
            ),
            (
                "Mo 08:60-18:00",
                "\"08:60-18:00\" is not a time span like 08:00-18:00",
            ),
            (
                "Mo 08:00-24:30",
                "\"08:00-24:30\" is not a time span like 08:00-18:00",
            ),
            (
                "Mo 08:00-25:00",
                "\"08:00-25:00\" is not a time span like 08:00-18:00",
            ),
            (
                "Mo 08:00-18:00,",
                "\"\" is not a time span like 08:00-18:00",
            ),
            (
                "Mo closed",
                "\"closed\" is not a time span like 08:00-18:00",
            ),
            ("Mo 24/7", "\"24/7\" is not a time span like 08:00-18:00"),
            (
                "Mo ０８:00-18:00",
                "\"\\u{ff10}\\u{ff18}:00-18:00\" is not a time span like 08:00-18:00",
            ),
            ("Mo 18:00-08:00", "\"18:00-08:00\" ends before it starts"),
            ("Mo 08:00-08:00", "\"08:00-08:00\" ends before it starts"),
            ("Mo 24:00-24:00", "\"24:00-24:00\" ends before it starts"),
            ("Mo 24:30-24:00", "\"24:30-24:00\" ends before it starts"),
            (
                "<b>Mo</b> 08:00-18:00",
                "\"<b>Mo</b>\" is not a day: Mo Tu We Th Fr Sa Su",
            ),
        ] {
            assert_eq!(parse_hours(bad).err().as_deref(), Some(why), "{bad:?}");
        }
        // No panic on anything (every prefix and suffix of odd strings).
        for s in [
            "Mo-Fr 08:00-18:00; Sa 09:00-13:00",
            "é-ü 0é:00-1é:00",
            "Su 23:59-24:00",
        ] {
            for (i, _) in s.char_indices() {
                let _ = parse_hours(&s[..i]);
                let _ = parse_hours(&s[i..]);
            }
        }
    }

    #[test]
    fn open_and_next_opening() {
        let week = parse_hours("Mo-Fr 13:00-18:00,08:00-12:00; Sa 09:00-13:00").unwrap_or_default();
        // Sunday 02:00: Monday (1) at 08:00.
        assert_eq!(open_until(&week, at(6, 2, 0)), None);
        assert_eq!(next_open(&week, at(6, 2, 0)), Some((1, 480)));
        assert_eq!(open_until(&week, at(0, 8, 0)), Some(720));
        assert_eq!(open_until(&week, at(0, 12, 0)), None);
        // Today (0) at 13:00, at 08:00.
        assert_eq!(next_open(&week, at(0, 12, 0)), Some((0, 780)));
        assert_eq!(next_open(&week, at(0, 7, 59)), Some((0, 480)));
        assert_eq!(next_open(&week, at(0, 0, 0)), Some((0, 480)));
        // Friday 18:00: Saturday (6) at 09:00; Saturday 13:00: Monday.
        assert_eq!(next_open(&week, at(4, 18, 0)), Some((6, 540)));
        assert_eq!(next_open(&week, at(5, 13, 0)), Some((1, 480)));
        assert_eq!(next_open(&week, at(6, 23, 59)), Some((1, 480)));
        // Only one day open: the same day next week, by its name.
        let week = parse_hours("We 09:00-10:00").unwrap_or_default();
        assert_eq!(next_open(&week, at(2, 10, 0)), Some((3, 540)));
        assert_eq!(next_open(&week, at(2, 8, 0)), Some((0, 540)));
        assert_eq!(clock(0), "00:00");
        assert_eq!(clock(13 * 60 + 5), "13:05");
        assert_eq!(clock(1440), "24:00");
    }

    #[test]
    fn hours_need_a_zone_and_bad_ones_give_the_safe_default() {
        let parse = |pairs: &[(&str, &str)]| {
            let mut all = vec![("clinic-phone", "555 0100")];
            all.extend_from_slice(pairs);
            Config::parse(all, 0.0)
        };
        let (c, issues) = parse(&[
            ("hours", "Mo 08:00-18:00"),
            ("timezone", " America/Los_Angeles "),
        ]);
        assert!(issues.is_empty(), "{issues:?}");
        assert!(matches!(&c.opening, Opening::Hours(_, z) if z == "America/Los_Angeles"));
        let (c, issues) = parse(&[]);
        assert_eq!(c.opening, Opening::Unset);
        assert!(issues.is_empty());
        // A zone alone changes nothing.
        let (c, issues) = parse(&[("timezone", "Europe/Madrid")]);
        assert_eq!(c.opening, Opening::Unset);
        assert!(issues.is_empty());
        for (pairs, key) in [
            (&[("hours", "Mo 08:00-18:00")][..], "timezone"),
            (
                &[("hours", "Mo 08:00-18:00"), ("timezone", "Los Angeles")][..],
                "timezone",
            ),
            (&[("hours", "Mo 8-18"), ("timezone", "UTC")][..], "hours"),
            (&[("hours", ""), ("timezone", "UTC")][..], "hours"),
        ] {
            let (c, issues) = parse(pairs);
            assert_eq!(c.opening, Opening::Unknown, "{pairs:?}");
            let keys: Vec<&str> = issues.iter().map(|i| i.key.as_str()).collect();
            assert_eq!(keys, [key], "{pairs:?}");
            assert!(issues[0].message.ends_with(HOURS_FALLBACK), "{issues:?}");
        }
        for ok in [
            "UTC",
            "Etc/GMT+5",
            "America/Argentina/Buenos_Aires",
            "EST5EDT",
        ] {
            assert_eq!(parse_zone(ok).as_deref(), Some(ok));
        }
        for bad in [
            "",
            "Los Angeles",
            "America/Los_Angeles;",
            "+05:00",
            "<b>",
            "Ámerica/X",
        ] {
            assert_eq!(parse_zone(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn fragments_decode() {
        let (c, issues) = Config::parse_fragment(
            "#clinic-name=Caf%C3%A9%20Clinic&clinic-phone=%2B1+555+0100&lang=es",
            0.0,
        );
        assert_eq!(c.clinic_name, "Café Clinic");
        assert_eq!(c.clinic_phone.map(|p| p.tel), Some("+15550100".into()));
        assert_eq!(c.lang, LangChoice::Fixed(Lang::Es));
        assert!(issues.is_empty(), "{issues:?}");
    }

    /// The JavaScript's list of keys (web/rules.js: the custom element's
    /// observed attributes, the setup page's form) is this one.
    #[test]
    fn therapy_presets_the_packs_and_therapies_offers_a_pick() {
        let parse = |pairs: &[(&str, &str)]| {
            let mut all = pairs.to_vec();
            all.push(("clinic-phone", "555 0100"));
            Config::parse(all, 0.0)
        };
        let v = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // Neither: magnesium, not asked (every embed before packs).
        let (c, issues) = parse(&[]);
        assert_eq!(c.therapy, Therapy::default());
        assert_eq!(c.therapy.preset, v(&["magnesium"]));
        assert!(issues.is_empty());
        // Two or more offered: the patient picks; the preset (if the pick
        // cannot be had) is all of them.
        let (c, _) = parse(&[("therapies", "iron vitamin-c")]);
        assert_eq!(c.therapy.offered, v(&["iron", "vitamin-c"]));
        assert_eq!(c.therapy.preset, v(&["iron", "vitamin-c"]));
        // One offered: not asked.
        let (c, _) = parse(&[("therapies", "iron")]);
        assert!(c.therapy.offered.is_empty());
        assert_eq!(c.therapy.preset, v(&["iron"]));
        // A preset wins over what is offered.
        let (c, issues) = parse(&[("therapy", "iron"), ("therapies", "iron vitamin-c")]);
        assert!(c.therapy.offered.is_empty());
        assert_eq!(c.therapy.preset, v(&["iron"]));
        assert!(issues.is_empty());
        // A bad preset: every drip offered, not asked (the cautious reading).
        let (c, issues) = parse(&[("therapy", "irn"), ("therapies", "iron vitamin-drip")]);
        assert!(c.therapy.offered.is_empty());
        assert_eq!(c.therapy.preset, v(&["iron", "vitamin-drip"]));
        assert_eq!(issues.len(), 1);
        // A bad offer: every pack, not asked.
        let (c, issues) = parse(&[("therapies", "iron, all")]);
        assert!(c.therapy.offered.is_empty());
        assert_eq!(c.therapy.preset.len(), crate::files::PACKS.len());
        assert_eq!(issues.first().map(|i| i.key.as_str()), Some("therapies"));
    }

    #[test]
    fn the_javascript_knows_the_same_keys() {
        let js = include_str!("../web/rules.js");
        let line = js
            .lines()
            .find(|l| l.starts_with("export const KEYS = ["))
            .unwrap_or_else(|| panic!("web/rules.js has no `export const KEYS = [...]` line"));
        let inside = line
            .split_once('[')
            .and_then(|(_, rest)| rest.split_once(']'))
            .map(|(inside, _)| inside)
            .unwrap_or_default();
        let keys: Vec<&str> = inside
            .split(',')
            .map(|k| k.trim().trim_matches('"'))
            .collect();
        assert_eq!(keys, KEYS.to_vec(), "web/rules.js KEYS");
    }

    /// The cases shared with the WordPress plugin's checker (its test reads
    /// the same file): each value as the widget takes it, or its message.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn shared_cases_come_out_as_the_fixture_says() {
        use serde_json::Value;
        let text = include_str!("../tests/config-rules.json");
        let fixture: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        let cases = fixture["cases"].as_array().cloned().unwrap_or_default();
        assert!(cases.len() > 50, "{} cases", cases.len());
        let field = |c: &Value, name: &str| c[name].as_str().map(str::to_string);
        for case in &cases {
            let key = field(case, "key").unwrap_or_default();
            let value = field(case, "value").unwrap_or_default();
            let (ok, tel, error) = (field(case, "ok"), field(case, "tel"), field(case, "error"));
            let mut pairs = vec![(key.as_str(), value.as_str())];
            if key != "clinic-phone" {
                pairs.push(("clinic-phone", "555 0100"));
            }
            // Hours and their zone go together.
            match key.as_str() {
                "hours" => pairs.push(("timezone", "UTC")),
                "timezone" => pairs.push(("hours", "Mo 08:00-18:00")),
                _ => {}
            }
            let (c, issues) = Config::parse(pairs, 0.0);
            let issue = issues
                .iter()
                .find(|i| i.key == key)
                .map(|i| i.message.clone());
            let what = format!("{key} = {value:?}");
            let phone = match key.as_str() {
                "clinic-phone" => Some(c.clinic_phone.clone()),
                "after-hours-phone" => Some(c.after_hours.clone()),
                "emergency-number" => Some(Some(c.emergency.clone()).filter(|_| issue.is_none())),
                _ => None,
            };
            if let Some(phone) = phone {
                // The message starts with the rule's words; the widget adds what it shows instead.
                assert_eq!(Phone::parse(&value).err(), error, "{what}");
                match &error {
                    Some(e) => assert!(
                        issue
                            .as_deref()
                            .is_some_and(|m| m.starts_with(&format!("{e}. "))),
                        "{what}: {issue:?}"
                    ),
                    None => assert_eq!(issue, None, "{what}"),
                }
                assert_eq!(phone.as_ref().map(|p| p.display.clone()), ok, "{what}");
                assert_eq!(phone.map(|p| p.tel), tel, "{what}");
                continue;
            }
            assert_eq!(issue, error, "{what}");
            let got = match key.as_str() {
                "clinic-name" => Some(c.clinic_name.clone()),
                "infusion" => Some(c.infusion.clone()),
                "lang" => Some(
                    match c.lang {
                        LangChoice::Auto => "auto",
                        LangChoice::Fixed(Lang::En) => "en",
                        LangChoice::Fixed(Lang::Es) => "es",
                    }
                    .to_string(),
                ),
                "accent" => {
                    parse_hex_colour(&value).map(|(r, g, b)| format!("#{r:02x}{g:02x}{b:02x}"))
                }
                "sticky-offset" => Some(c.sticky_offset.to_string()),
                "therapy" | "therapies" => Some(c.therapy.preset.join(" ")),
                // What the widget keeps: the value as written, spaces
                // squashed (the zone, trimmed); a refused one, nothing.
                "hours" | "timezone" => match &c.opening {
                    Opening::Hours(_, z) if key == "timezone" => Some(z.clone()),
                    Opening::Hours(..) => Some(squash_spaces(&value)),
                    _ => None,
                },
                other => panic!("the fixture names an unknown key {other}"),
            };
            if key == "accent" {
                assert_eq!(c.accent.is_some(), ok.is_some(), "{what}");
            }
            // A refused value: the widget falls back to its default.
            let expected = ok.or_else(|| match key.as_str() {
                "lang" => Some("auto".to_string()),
                "sticky-offset" => Some("0".to_string()),
                "accent" | "hours" | "timezone" => None,
                _ => Some(String::new()),
            });
            assert_eq!(got, expected, "{what}");
        }
    }
}
