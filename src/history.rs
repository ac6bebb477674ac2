//! The checks a patient chose to keep on this phone (issue 20: "Keep this
//! check on this phone", off by default; the browser's local storage, on
//! this phone only, deleted by "Delete my saved checks"). Each kept check is
//! its time, its outcome and the symptom groups picked: enough to show the
//! last one on the next result ("Yesterday 14:30: call the clinic today") and
//! to answer the repeat-use question (PROTOCOL.md P9, `ctx_repeat_use`) in
//! advance when the same symptom is back within a day. No other answer, and
//! no free text, is kept.
//!
//! Written in the protocol's wire format as hex, as `session` is. Read back
//! only if every byte reads and it was written for this protocol version;
//! checks older than [`KEEP_DAYS`] (or from the future: a clock set back)
//! are dropped. Plain Rust, tested natively; nothing here may panic.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unreachable
)]

use crate::protocol::wire::{from_hex, Reader, Writer};
use crate::protocol::Level;

/// The most checks kept (newest first).
pub const KEEP: usize = 5;
/// Checks older than this many days are dropped when read.
pub const KEEP_DAYS: u32 = 7;
/// A day, in seconds.
pub const DAY: u32 = 86_400;
/// The format's version (the first number stored).
const FORMAT: usize = 1;
/// The longest stored text read back.
const MAX_HEX: usize = 20_000;

/// One kept check.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// When its result showed: seconds since 1970-01-01 UTC.
    pub at: u32,
    /// Its outcome.
    pub level: Level,
    /// The symptom groups picked (`g_*` codes of the symptoms question).
    pub symptoms: Vec<String>,
}

/// Why stored checks were not read (for the console line; they are dropped).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dropped {
    /// Not what [`encode`] writes.
    Damaged,
    /// Written for another protocol version.
    OtherVersion,
}

impl Dropped {
    /// Said in the console.
    pub fn reason(self) -> &'static str {
        match self {
            Dropped::Damaged => "they could not be read",
            Dropped::OtherVersion => "they were saved by another version of the check",
        }
    }
}

/// The stored text of `checks` (newest first) for the protocol `key`
/// (`id/version`): `(format, (key, [(at, (level, symptoms))]))` in the wire
/// format, as lowercase hex.
pub fn encode(key: &str, checks: &[Check]) -> String {
    let mut out = Writer::default();
    out.varint(FORMAT as u32);
    out.str(key);
    out.len(checks.len());
    for c in checks {
        out.varint(c.at);
        out.varint(Level::ALL.iter().position(|l| *l == c.level).unwrap_or(3) as u32);
        out.strs(&c.symptoms);
    }
    out.hex()
}

/// Reads what [`encode`] wrote for the protocol `key`, at `now` (seconds
/// since 1970): the checks of the last [`KEEP_DAYS`] days, newest first, at
/// most [`KEEP`].
pub fn decode(key: &str, raw: &str, now: u32) -> Result<Vec<Check>, Dropped> {
    type Stored = (usize, (String, Vec<(usize, (usize, Vec<String>))>));
    let bytes = from_hex(raw, MAX_HEX);
    let (format, (stored_key, list)): Stored =
        Reader::read_all(&bytes.ok_or(Dropped::Damaged)?).ok_or(Dropped::Damaged)?;
    if format != FORMAT {
        return Err(Dropped::Damaged);
    }
    if stored_key != key {
        return Err(Dropped::OtherVersion);
    }
    let mut checks = Vec::new();
    for (at, (level, symptoms)) in list {
        let at = u32::try_from(at).map_err(|_| Dropped::Damaged)?;
        let level = *Level::ALL.get(level).ok_or(Dropped::Damaged)?;
        if at <= now.saturating_add(DAY) && now.saturating_sub(at) <= KEEP_DAYS * DAY {
            checks.push(Check {
                at,
                level,
                symptoms,
            });
        }
    }
    // (written newest first by `add`: no sorting, whose code is kilobytes of wasm)
    checks.truncate(KEEP);
    Ok(checks)
}

/// `checks` (newest first) with `new`, just made, added before them (at
/// most [`KEEP`]).
pub fn add(mut checks: Vec<Check>, new: Check) -> Vec<Check> {
    checks.insert(0, new);
    checks.truncate(KEEP);
    checks
}

/// A kept check of the last 24 hours (before `now`) that had one of the
/// symptom groups picked now ("None of these" and "something else" aside:
/// two "something else"s may be two problems): the patient is using the
/// check again for the same problem (P9). The newest such check.
pub fn same_problem_within_a_day<'a>(
    checks: &'a [Check],
    now: u32,
    symptoms: &[String],
) -> Option<&'a Check> {
    checks.iter().find(|c| {
        c.at <= now
            && now - c.at <= DAY
            && c.symptoms.iter().any(|s| {
                s != crate::roles::SYMPTOM_NONE
                    && s != crate::roles::SYMPTOM_OTHER
                    && symptoms.contains(s)
            })
    })
}

/// How long ago `at` was, for "Yesterday 14:30": the calendar day it fell on
/// (0 today, 1 yesterday, ...) in the phone's time zone, given the phone's
/// offset from UTC in minutes east at `now` and at `at`.
pub fn days_ago(at: u32, now: u32, offset_at: i32, offset_now: i32) -> u32 {
    let local_day =
        |t: u32, offset: i32| (i64::from(t) + i64::from(offset) * 60).div_euclid(i64::from(DAY));
    u32::try_from(local_day(now, offset_now) - local_day(at, offset_at)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "magnesium/2026.12-draft.4";
    const NOW: u32 = 1_796_000_000;

    fn check(at: u32, level: Level, symptoms: &[&str]) -> Check {
        Check {
            at,
            level,
            symptoms: symptoms.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn checks_come_back_as_they_were_kept() {
        let kept = vec![
            check(NOW - 60, Level::CallToday, &["g_flush", "g_headache"]),
            check(NOW - 2 * DAY, Level::SelfCare, &["g_none"]),
        ];
        assert_eq!(decode(KEY, &encode(KEY, &kept), NOW), Ok(kept));
        assert_eq!(decode(KEY, &encode(KEY, &[]), NOW), Ok(vec![]));
    }

    #[test]
    fn damaged_old_and_other_version_data_is_dropped() {
        let kept = vec![check(NOW - 60, Level::Emergency, &["g_breath"])];
        let text = encode(KEY, &kept);
        assert_eq!(
            decode("magnesium/2027.01", &text, NOW),
            Err(Dropped::OtherVersion)
        );
        let cut = text.get(..text.len() - 2).unwrap_or_default();
        for bad in ["", "zz", "0", cut, &format!("{text}00"), "ffffffffff"] {
            assert_eq!(decode(KEY, bad, NOW), Err(Dropped::Damaged), "{bad}");
        }
        // A level that does not exist.
        let mut w = Writer::default();
        w.varint(1);
        w.str(KEY);
        w.len(1);
        w.varint(NOW);
        w.varint(9);
        w.strs(&[]);
        let hex = w.hex();
        assert_eq!(decode(KEY, &hex, NOW), Err(Dropped::Damaged));
        // Too old, or from the future: left out, the rest kept.
        let mixed = vec![
            check(NOW + 2 * DAY, Level::CallNow, &["g_flush"]),
            check(NOW - DAY, Level::CallToday, &["g_flush"]),
            check(NOW - 8 * DAY, Level::CallNow, &["g_flush"]),
        ];
        assert_eq!(
            decode(KEY, &encode(KEY, &mixed), NOW),
            Ok(vec![check(NOW - DAY, Level::CallToday, &["g_flush"])])
        );
    }

    #[test]
    fn at_most_five_newest_first() {
        let mut checks = Vec::new();
        for i in 0..8 {
            checks = add(checks, check(NOW - 1000 + i, Level::SelfCare, &["g_none"]));
        }
        assert_eq!(checks.len(), KEEP);
        assert_eq!(checks.first().map(|c| c.at), Some(NOW - 993));
        assert_eq!(checks.last().map(|c| c.at), Some(NOW - 997));
    }

    #[test]
    fn the_same_problem_within_a_day() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let checks = vec![
            check(NOW - 3600, Level::CallToday, &["g_flush"]),
            check(NOW - 2 * DAY, Level::CallToday, &["g_headache"]),
            check(NOW - 7200, Level::SelfCare, &["g_none"]),
        ];
        assert_eq!(
            same_problem_within_a_day(&checks, NOW, &s(&["g_flush", "g_dizzy"])).map(|c| c.at),
            Some(NOW - 3600)
        );
        assert_eq!(
            same_problem_within_a_day(&checks, NOW, &s(&["g_headache"])),
            None
        );
        assert_eq!(
            same_problem_within_a_day(&checks, NOW, &s(&["g_none"])),
            None
        );
        assert_eq!(
            same_problem_within_a_day(&checks, NOW - 7200, &s(&["g_flush"])),
            None
        );
    }

    #[test]
    fn days_ago_in_the_phone_s_zone() {
        // 2026-12-08 23:30 UTC is already the 9th in Madrid (+60).
        let now = 1_796_772_600;
        assert_eq!(days_ago(now - 3600, now, 0, 0), 0);
        assert_eq!(days_ago(now - 3600, now, 60, 60), 1);
        assert_eq!(days_ago(now - DAY, now, 0, 0), 1);
        assert_eq!(days_ago(now + 10, now, 0, 0), 0);
    }
}
