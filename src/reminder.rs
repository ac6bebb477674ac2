//! The re-check reminder (issue 20): on a call-today or self-care result,
//! "Remind me to check again" gives the phone an iCalendar file (RFC 5545)
//! made on the phone, with one event at the time the outcome's
//! safety-netting names (the outcome's `recheck` in the protocol data) and an
//! alarm at that time. Nothing is sent: the file is a Blob the browser hands
//! to the phone's calendar (`ui::result`).
//!
//! Pure Rust, tested natively: the time is computed from "now" and the
//! phone's offset from UTC at a given instant (in the browser, what
//! `Date.getTimezoneOffset` says for that instant), so a change of offset
//! overnight (daylight saving time) is met.
//!
//! The file: CRLF line endings, lines folded at 75 octets (never inside a
//! character), TEXT values escaped (`\ ; ,` and newlines, §3.3.11), times in
//! UTC with a `Z` (so no VTIMEZONE). Its text: the outcome's title, its
//! lead, what to do (with the rules' urgent advice) and when to call the
//! emergency number, as the result words them; the clinic's name and phone
//! and the after-hours line; and a link back to the check with the clinic's
//! configuration in the fragment, never the patient's answers.

use crate::config::Config;
use crate::i18n::strings;
use crate::protocol::{
    rule_advice, they, they_list, Answers, Lang, Level, Outcome, Protocol, Recheck,
};
use crate::summary::{fill, for_them};

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// How long the event lasts (a calendar needs an end).
const LENGTH: i64 = 15 * MINUTE;

/// The downloaded file's name.
pub const FILE_NAME: &str = "check-again.ics";

/// The reminder's words, made when the result shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// When (the outcome's `recheck`).
    pub recheck: Recheck,
    /// The event's title.
    pub title: String,
    /// Its description: the safety-netting, the clinic's numbers, the link.
    pub description: String,
    /// The link back to the check.
    pub url: String,
}

/// The reminder a result offers, if any: only on call-today and self-care
/// results whose outcome has a `recheck`, and not at the clinic. `page` is
/// the page's address (its fragment is replaced by the clinic's
/// configuration).
pub fn event(
    p: &Protocol,
    answers: &Answers,
    outcome: &Outcome,
    cfg: &Config,
    lang: Lang,
    page: &str,
) -> Option<Event> {
    let texts = p.outcomes.get(outcome.level);
    let recheck = texts.recheck.clone()?;
    if outcome.level >= Level::CallNow || outcome.has_fired(crate::roles::AT_CLINIC_RULE) {
        return None;
    }
    let t = strings(lang);
    let them = for_them(answers);
    let url = link(page, cfg, lang);
    // (one string, line by line: the description as the result says it)
    let mut d = String::new();
    let mut line = |prefix: &str, s: &str| {
        if !d.is_empty() {
            d.push('\n');
        }
        d.push_str(prefix);
        d.push_str(&fill(s, cfg, lang));
    };
    line("", texts.title_for(them).get(lang));
    line("", they(&texts.lead, &texts.lead_they, them).get(lang));
    let own = they_list(&texts.do_now, &texts.do_now_they, them);
    for x in rule_advice(p, outcome, them).into_iter().chain(own) {
        line("- ", x.get(lang));
    }
    let get_help = they_list(&texts.get_help, &texts.get_help_they, them);
    if !get_help.is_empty() {
        line("", t.get_help);
        for x in get_help {
            line("- ", x.get(lang));
        }
    }
    let clinic = if cfg.clinic_name.is_empty() {
        t.your_clinic
    } else {
        &cfg.clinic_name
    };
    match &cfg.clinic_phone {
        Some(phone) => line(
            &t.call_clinic.replace("{clinic}", clinic),
            &[": ", &phone.display].concat(),
        ),
        None => line("", t.no_clinic_phone),
    }
    if let Some(phone) = &cfg.after_hours {
        line(t.call_after_hours, &[": ", &phone.display].concat());
    }
    line(t.reminder_open, &[" ", &url].concat());
    Some(Event {
        recheck,
        title: if them {
            t.reminder_title_they
        } else {
            t.reminder_title
        }
        .to_string(),
        description: d,
        url,
    })
}

/// The line under the button: when the reminder will be.
pub fn when_words(recheck: &Recheck, lang: Lang) -> String {
    let t = strings(lang);
    match recheck {
        Recheck::AfterHours(h) => {
            let mut n = String::new();
            push_num(&mut n, i64::from(*h), 1);
            t.reminder_in_hours.replace("{n}", &n)
        }
        Recheck::NextMorningAt(at) => t.reminder_next_morning.replace("{time}", at),
    }
}

/// The link back to the check: `page` without its fragment, then the
/// clinic's configuration as a fragment (the iframe page's keys; the custom
/// element's page has them in its own code and ignores it). Read back, it
/// gives the same configuration, every key (the language: `lang`, the one
/// shown); the test proves it. The patient's answers are never in it.
pub fn link(page: &str, cfg: &Config, lang: Lang) -> String {
    let mut out = page.split('#').next().unwrap_or(page).to_string();
    let mut add = |key: &str, value: &str| {
        out.push(if out.contains('#') { '&' } else { '#' });
        out.push_str(key);
        out.push('=');
        for b in value.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':') {
                out.push(char::from(b));
            } else {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    };
    if !cfg.clinic_name.is_empty() {
        add("clinic-name", &cfg.clinic_name);
    }
    if let Some(p) = &cfg.clinic_phone {
        add("clinic-phone", &p.display);
    }
    if let Some(p) = &cfg.after_hours {
        add("after-hours-phone", &p.display);
    }
    add("emergency-number", &cfg.emergency.display);
    add("lang", lang.code());
    if !cfg.infusion.is_empty() {
        add("infusion", &cfg.infusion);
    }
    // What was in the drip (the check the reminder brings back asks about
    // the same drips; after a pick, the widget passes the pick as the preset).
    let t = &cfg.therapy;
    if t.offered.len() >= 2 {
        add("therapies", &t.offered.join(" "));
    } else if *t != crate::config::Therapy::default() {
        add("therapy", &t.preset.join(" "));
    }
    if let Some(ms) = cfg.ended_ms {
        // (in UTC; milliseconds only when there are some)
        let ms = ms.round() as i64;
        let mut at = time(ms, "--T:: ");
        if ms.rem_euclid(1000) != 0 {
            at.push('.');
            push_num(&mut at, ms.rem_euclid(1000), 3);
        }
        at.push('Z');
        add("ended", &at);
    }
    // The rest as the clinic wrote them: the colour before its contrast was
    // adjusted, and the opening hours and their zone, good or bad (a bad
    // value gives the reopened check the same safe default).
    let w = &cfg.written;
    for (key, value) in [
        ("accent", &w.accent),
        ("hours", &w.hours),
        ("timezone", &w.timezone),
    ] {
        if let Some(v) = value {
            add(key, v);
        }
    }
    if cfg.sticky_offset != 0 {
        let mut px = String::new();
        push_num(&mut px, i64::from(cfg.sticky_offset), 1);
        add("sticky-offset", &px);
    }
    out
}

/// When to remind, in milliseconds since 1970 (UTC), or `None` for a bad
/// `next_morning_at` (the checker refuses one). `offset_min(t)` is the
/// phone's offset from UTC at the instant `t`, in minutes east (local time =
/// UTC + offset; in the browser `-getTimezoneOffset()`).
/// - `after_hours`: that many hours from now.
/// - `next_morning_at`: the first such local time at least
///   [`Recheck::MIN_HOURS`] hours from now (a check at 02:00 reminds at 08:00
///   the same day; one at 05:00 or in the evening, the next day).
pub fn recheck_at(r: &Recheck, now_ms: i64, offset_min: impl Fn(i64) -> i64) -> Option<i64> {
    match r {
        Recheck::AfterHours(h) => Some(now_ms + i64::from(*h) * HOUR),
        Recheck::NextMorningAt(_) => {
            let at = i64::from(r.morning_minutes()?) * MINUTE;
            let today = (now_ms + offset_min(now_ms) * MINUTE).div_euclid(DAY);
            (0..3)
                .map(|d| {
                    let local = (today + d) * DAY + at;
                    // The offset where the answer lands, not now's: read
                    // at a first guess, then at the answer it gives.
                    let guess = local - offset_min(local) * MINUTE;
                    local - offset_min(guess) * MINUTE
                })
                .find(|&t| t - now_ms >= i64::from(Recheck::MIN_HOURS) * HOUR)
        }
    }
}

/// The calendar file: one event at `start_ms`, its alarm at the start.
/// `uid` makes the event's UID (unique: the UI gives the time and a random
/// number).
pub fn ics(e: &Event, now_ms: i64, start_ms: i64, uid: &str) -> String {
    let title = text(&e.title);
    let (stamp_now, start, end) = (stamp(now_ms), stamp(start_ms), stamp(start_ms + LENGTH));
    let uid = [uid, "@infusion-check"].concat();
    let description = text(&e.description);
    let mut out = String::new();
    for (name, value) in [
        ("BEGIN", "VCALENDAR"),
        ("VERSION", "2.0"),
        ("PRODID", "-//infusion-check//re-check reminder//EN"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("BEGIN", "VEVENT"),
        ("UID", &uid),
        ("DTSTAMP", &stamp_now),
        ("DTSTART", &start),
        ("DTEND", &end),
        ("SUMMARY", &title),
        ("DESCRIPTION", &description),
        // (a URI value is not TEXT: not escaped; `link` percent-encodes)
        ("URL", &e.url),
        ("BEGIN", "VALARM"),
        ("ACTION", "DISPLAY"),
        ("TRIGGER", "PT0M"),
        ("DESCRIPTION", &title),
        ("END", "VALARM"),
        ("END", "VEVENT"),
        ("END", "VCALENDAR"),
    ] {
        fold(name, value, &mut out);
    }
    out
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped,
/// a newline as `\n`; other control characters dropped.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line, `name:value`, folded at 75 octets (§3.1): a
/// CRLF and a space before each further part, never inside a character;
/// then a CRLF.
pub fn fold(name: &str, value: &str, out: &mut String) {
    let mut octets = 0;
    for c in name.chars().chain([':']).chain(value.chars()) {
        if octets + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// A UTC date-time as iCalendar writes it: `20260308T150000Z`.
pub fn stamp(ms: i64) -> String {
    time(ms, "  T  Z")
}

/// A UTC date-time, each field followed by its separator in `seps` (a
/// space: none): `"  T  Z"` gives `20260308T150000Z`, `"--T::Z"` ISO 8601's
/// `2026-03-08T15:00:00Z`. (No `format!`: its integer padding costs the
/// wasm more than this.)
fn time(ms: i64, seps: &str) -> String {
    let (y, mo, d, h, mi, s) = civil(ms);
    let mut out = String::new();
    for ((n, width), sep) in [(y, 4), (mo, 2), (d, 2), (h, 2), (mi, 2), (s, 2)]
        .into_iter()
        .zip(seps.chars())
    {
        push_num(&mut out, n, width);
        if sep != ' ' {
            out.push(sep);
        }
    }
    out
}

/// Writes `n` (0 or more) in decimal, with at least `width` digits.
pub fn push_num(out: &mut String, n: i64, width: u32) {
    let n = n.max(0);
    let mut div = 1;
    let mut digits = 1;
    while div <= n / 10 || digits < width {
        div *= 10;
        digits += 1;
    }
    while div > 0 {
        out.push(char::from(b'0' + (n / div % 10) as u8));
        div /= 10;
    }
}

/// Year, month, day, hour, minute, second (UTC) of an instant
/// (Howard Hinnant's `civil_from_days`).
fn civil(ms: i64) -> (i64, i64, i64, i64, i64, i64) {
    let secs = ms.div_euclid(1000);
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, sod / 3600, sod / 60 % 60, sod % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_iso8601;

    fn at(iso: &str) -> i64 {
        parse_iso8601(iso).map(|f| f as i64).unwrap_or(i64::MIN)
    }

    fn morning() -> Recheck {
        Recheck::NextMorningAt("08:00".into())
    }

    #[test]
    fn stamps_are_utc_with_a_z() {
        assert_eq!(stamp(0), "19700101T000000Z");
        assert_eq!(stamp(at("2026-03-08T15:00:00Z")), "20260308T150000Z");
        assert_eq!(stamp(at("2028-02-29T23:59:59Z")), "20280229T235959Z");
        assert_eq!(stamp(at("2026-12-31T23:30:00-05:00")), "20270101T043000Z");
        assert_eq!(stamp(-1000), "19691231T235959Z");
    }

    #[test]
    fn numbers_are_padded() {
        let mut s = String::new();
        for (n, w) in [
            (0, 1),
            (7, 2),
            (2026, 4),
            (12, 2),
            (1_772_947_800_000, 1),
            (5, 4),
        ] {
            push_num(&mut s, n, w);
            s.push(' ');
        }
        assert_eq!(s, "0 07 2026 12 1772947800000 0005 ");
    }

    #[test]
    fn after_hours_is_that_many_hours_on() {
        let now = at("2026-06-10T22:15:00-06:00");
        assert_eq!(
            recheck_at(&Recheck::AfterHours(4), now, |_| -360),
            Some(at("2026-06-11T02:15:00-06:00"))
        );
    }

    #[test]
    fn the_next_morning_in_the_phones_time_zone() {
        let mx = |_| -360;
        // in the evening: the next day, across midnight (and in UTC, across a month)
        let r = recheck_at(&morning(), at("2026-06-30T21:00:00-06:00"), mx);
        assert_eq!(r, Some(at("2026-07-01T08:00:00-06:00")));
        // mid-morning, after 08:00: the next day
        let r = recheck_at(&morning(), at("2026-06-10T10:15:00-06:00"), mx);
        assert_eq!(r.map(stamp).as_deref(), Some("20260611T140000Z"));
        // after midnight, 6 h before 08:00: this morning
        let r = recheck_at(&morning(), at("2026-06-11T02:00:00-06:00"), mx);
        assert_eq!(r, Some(at("2026-06-11T08:00:00-06:00")));
        // exactly 4 h before: this morning; less: the next day
        let r = recheck_at(&morning(), at("2026-06-11T04:00:00-06:00"), mx);
        assert_eq!(r, Some(at("2026-06-11T08:00:00-06:00")));
        let r = recheck_at(&morning(), at("2026-06-11T04:01:00-06:00"), mx);
        assert_eq!(r, Some(at("2026-06-12T08:00:00-06:00")));
        // east of UTC, where the local date is ahead of UTC's
        let r = recheck_at(&morning(), at("2026-06-10T23:30:00+09:00"), |_| 540);
        assert_eq!(r, Some(at("2026-06-11T08:00:00+09:00")));
        // a half-hour zone and another time
        let r = recheck_at(
            &Recheck::NextMorningAt("07:30".into()),
            at("2026-06-10T20:00:00+05:30"),
            |_| 330,
        );
        assert_eq!(r, Some(at("2026-06-11T07:30:00+05:30")));
    }

    #[test]
    fn the_next_morning_across_a_change_of_offset() {
        // Los Angeles: daylight saving time starts on 2026-03-08 at 02:00 local
        // (10:00 UTC); the evening before is -08:00, the morning -07:00.
        let la = |t: i64| {
            if t < at("2026-03-08T10:00:00Z") {
                -480
            } else {
                -420
            }
        };
        let r = recheck_at(&morning(), at("2026-03-07T21:30:00-08:00"), la);
        assert_eq!(r.map(stamp).as_deref(), Some("20260308T150000Z"));
        // and back on 2026-11-01 at 02:00 local (09:00 UTC)
        let la = |t: i64| {
            if t < at("2026-11-01T09:00:00Z") {
                -420
            } else {
                -480
            }
        };
        let r = recheck_at(&morning(), at("2026-10-31T22:00:00-07:00"), la);
        assert_eq!(r.map(stamp).as_deref(), Some("20261101T160000Z"));
        // a change at the very hour of the reminder's day, after midnight
        let r = recheck_at(&morning(), at("2026-11-01T01:30:00-07:00"), la);
        assert_eq!(r, Some(at("2026-11-01T08:00:00-08:00")));
    }

    #[test]
    fn a_bad_morning_time_gives_no_reminder() {
        for bad in ["8:00", "12:00", "08:60", "08-00", "", "aa:bb"] {
            let r = Recheck::NextMorningAt(bad.into());
            assert_eq!(recheck_at(&r, 0, |_| 0), None, "{bad}");
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a\\b; c, d\ne\r\u{7}f"), "a\\\\b\\; c\\, d\\nef");
        assert_eq!(text("Llame a la clínica"), "Llame a la clínica");
    }

    #[test]
    fn long_lines_are_folded_at_75_octets_between_characters() {
        let mut out = String::new();
        let value = "é".repeat(100);
        let line = format!("DESCRIPTION:{value}");
        fold("DESCRIPTION", &value, &mut out);
        assert!(out.ends_with("\r\n"));
        let parts: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(parts.len() > 2);
        for (i, p) in parts.iter().enumerate() {
            assert!(p.len() <= 75, "{p}");
            assert_eq!(p.starts_with(' '), i > 0);
        }
        // unfolded, the line is whole again
        assert_eq!(out.trim_end_matches("\r\n").replace("\r\n ", ""), line);
        // a line of 75 octets is not folded
        let mut out = String::new();
        fold("X", &"x".repeat(73), &mut out);
        assert_eq!(out, format!("X:{}\r\n", "x".repeat(73)));
    }

    #[test]
    fn the_link_holds_the_configuration_not_the_answers() {
        let (cfg, issues) = Config::parse_fragment(
            "clinic-name=Ríverside%20%26%20Co&clinic-phone=%2B1%20555%200100&after-hours-phone=555-0199&ended=2026-11-25T14:30:00-05:00&infusion=Mg%202%20g",
            at("2026-11-25T20:00:00Z") as f64,
        );
        assert!(issues.is_empty());
        let url = link("http://127.0.0.1:8080/check?x=1#old=1", &cfg, Lang::Es);
        assert_eq!(
            url,
            "http://127.0.0.1:8080/check?x=1#clinic-name=R%C3%ADverside%20%26%20Co&clinic-phone=%2B1%20555%200100&after-hours-phone=555-0199&emergency-number=911&lang=es&infusion=Mg%202%20g&ended=2026-11-25T19:30:00Z"
        );
        // and reads back as the same configuration
        let fragment = url.split_once('#').map(|(_, f)| f).unwrap_or("");
        let (back, issues) = Config::parse_fragment(fragment, at("2026-11-25T20:00:00Z") as f64);
        assert!(issues.is_empty());
        assert_eq!(back.clinic_name, cfg.clinic_name);
        assert_eq!(back.clinic_phone, cfg.clinic_phone);
        assert_eq!(back.after_hours, cfg.after_hours);
        assert_eq!(back.ended_ms, cfg.ended_ms);
        assert_eq!(back.infusion, cfg.infusion);
    }

    /// Read back, the link gives the very configuration it was made from
    /// (its language, the one shown), for every key the configuration
    /// knows: the opening hours and their zone (good, bad, or one without
    /// the other), the colour as written, the drip's end to the millisecond.
    #[test]
    fn the_link_reads_back_as_the_same_configuration() {
        use crate::config::{accessible_accent_dark, parse_hex_colour, LangChoice, Opening, KEYS};
        let now = at("2026-11-25T20:00:00Z") as f64;
        let every = "clinic-name=R%C3%ADverside%20%26%20Co&clinic-phone=%2B1%20555%200100&after-hours-phone=555-0199&emergency-number=112&lang=es&infusion=Mg%202%20g&ended=2026-11-25T14:30:07.25-05:00&accent=%23FC0&sticky-offset=64px&hours=Mo-Fr%2008:00-12:00,13:00-18:00;%20Sa%2009:00-13:00;%20We%20off&timezone=%20America/Los_Angeles%20&therapy=vitamin-c%20IRON";
        let fragments = [
            every,
            "clinic-phone=555%200100&therapies=iron%20vitamin-c%20vitamin-drip",
            "therapies=iron",
            "therapy=irn&therapies=iron%20magnesium",
            "therapies=iron,all",
            // a night shift, and a zone with a + (a + alone reads as a space)
            "hours=Fr%2022:00-24:00;%20Sa%2000:00-06:00&timezone=Etc/GMT%2B5",
            // bad hours; hours without their zone; a zone alone; a bad zone
            "hours=Mo%208-18&timezone=UTC",
            "hours=Mo%2008:00-18:00",
            "timezone=Europe/Madrid",
            "hours=Mo%2008:00-18:00&timezone=Los%20Angeles",
            "ended=2026-11-25T19:30:00Z&sticky-offset=0",
            "",
        ];
        let mut seen = std::collections::BTreeSet::new();
        for f in fragments {
            let (cfg, _) = Config::parse_fragment(f, now);
            for lang in [Lang::En, Lang::Es] {
                let url = link("https://clinic.example/frame.html?x=1#old=1", &cfg, lang);
                let fragment = url.split_once('#').map(|(_, f)| f).unwrap_or("");
                let (back, issues) = Config::parse_fragment(fragment, now);
                let want = Config {
                    lang: LangChoice::Fixed(lang),
                    ..cfg.clone()
                };
                assert_eq!(back, want, "{f}\n{url}");
                // (and its issues are the first reading's, less any key given twice)
                let (_, first) = Config::parse_fragment(f, now);
                assert!(issues.len() <= first.len(), "{f}\n{url}: {issues:?}");
                // written again, the same link
                assert_eq!(
                    link("https://clinic.example/frame.html?x=1", &back, lang),
                    url
                );
                for pair in fragment.split('&') {
                    seen.insert(pair.split('=').next().unwrap_or("").to_string());
                }
            }
        }
        // Every key is carried by some link (`therapies` where no `therapy` overrides it).
        let keys: Vec<&str> = KEYS.to_vec();
        assert_eq!(
            seen.iter().map(String::as_str).collect::<Vec<_>>().len(),
            keys.len(),
            "{seen:?}"
        );
        for key in KEYS {
            assert!(seen.contains(key), "no link carries {key}: {seen:?}");
        }
        // What the old link lost: the hours, the colour's dark-setting
        // variant (made from the colour as written, not the adjusted one),
        // the drip's end's milliseconds.
        let (cfg, _) = Config::parse_fragment(every, now);
        assert!(
            matches!(&cfg.opening, Opening::Hours(w, z) if w.len() == 9 && z == "America/Los_Angeles"),
            "{:?}",
            cfg.opening
        );
        let adjusted = cfg.accent.as_deref().and_then(parse_hex_colour);
        assert_ne!(adjusted.map(accessible_accent_dark), cfg.accent_dark);
        assert_eq!(
            cfg.ended_ms.map(|ms| ms.rem_euclid(60_000.0)),
            Some(7_250.0)
        );
        let url = link("https://clinic.example/", &cfg, Lang::En);
        assert!(url.ends_with("&therapy=iron%20vitamin-c&ended=2026-11-25T19:30:07.250Z&accent=%23FC0&hours=Mo-Fr%2008:00-12:00%2C13:00-18:00%3B%20Sa%2009:00-13:00%3B%20We%20off&timezone=America%2FLos_Angeles&sticky-offset=64"), "{url}");
    }

    #[test]
    fn the_file_is_one_event_with_an_alarm() {
        let e = Event {
            recheck: morning(),
            title: "Check again, please; now".into(),
            description: "Line one.\nCall Demo: +1 555 0100".into(),
            url: "http://127.0.0.1:8080/frame.html#clinic-name=Demo".into(),
        };
        let f = ics(
            &e,
            at("2026-03-07T21:30:00-08:00"),
            at("2026-03-08T15:00:00Z"),
            "1-2",
        );
        assert!(f.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(f.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(!f.replace("\r\n", "").contains('\n'), "bare newlines");
        for line in [
            "UID:1-2@infusion-check",
            "DTSTAMP:20260308T053000Z",
            "DTSTART:20260308T150000Z",
            "DTEND:20260308T151500Z",
            "SUMMARY:Check again\\, please\\; now",
            "DESCRIPTION:Line one.\\nCall Demo: +1 555 0100",
            "URL:http://127.0.0.1:8080/frame.html#clinic-name=Demo",
            "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:PT0M\r\nDESCRIPTION:Check again\\, please\\; now\r\nEND:VALARM",
        ] {
            assert!(f.contains(&format!("\r\n{line}\r\n")), "{line} in {f}");
        }
    }
}
