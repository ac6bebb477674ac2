//! The clinic's own time, from the browser's `Intl` (it knows the time
//! zones and their daylight-saving changes; the wasm carries no zone data).

use crate::config::{next_open, open_until, Opening};

/// The weekday (0: Monday) and minute of the day now in `zone`; `None` when
/// the browser does not know the zone (`Intl` throws a `RangeError`) or
/// gives no weekday and time.
pub fn clinic_now(zone: &str) -> Option<(usize, u16)> {
    use js_sys::{Array, Function, Object, Reflect};
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor: Function = Reflect::get(&intl, &"DateTimeFormat".into()).ok()?.into();
    let options = Object::new();
    for (k, v) in [
        ("timeZone", zone),
        ("weekday", "short"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("hourCycle", "h23"),
    ] {
        Reflect::set(&options, &k.into(), &v.into()).ok()?;
    }
    let args = Array::of2(&"en-US".into(), &options);
    let format = Reflect::construct(&ctor, &args).ok()?;
    let to_parts: Function = Reflect::get(&format, &"formatToParts".into()).ok()?.into();
    let parts: Array = to_parts.call0(&format).ok()?.into();
    let (mut day, mut hour, mut minute) = (None, None, None);
    for part in parts.iter() {
        let field = |k: &str| Reflect::get(&part, &k.into()).ok()?.as_string();
        let value = field("value").unwrap_or_default();
        let number = || value.parse::<u16>().ok();
        match field("type").as_deref() {
            Some("weekday") => {
                day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                    .iter()
                    .position(|d| *d == value)
            }
            // (some engines say 24 for midnight even with h23)
            Some("hour") => hour = number().map(|h| h % 24),
            Some("minute") => minute = number(),
            _ => {}
        }
    }
    Some((day?, hour? * 60 + minute?))
}

/// Whether the clinic is open now, by its hours.
pub enum Now {
    /// No hours set: as without them.
    Unset,
    /// Hours set but bad, or the zone unknown: the safe default.
    Unknown,
    /// Open, until this minute of its day.
    Open(u16),
    /// Closed; it opens on this day of `hours_days` (0: today, 1 to 7:
    /// Monday to Sunday) at this minute (`None` only if it never opens,
    /// which the parser refuses).
    Closed(Option<(usize, u16)>),
}

/// The clinic's hours now.
pub fn now(opening: &Opening) -> Now {
    match opening {
        Opening::Unset => Now::Unset,
        Opening::Unknown => Now::Unknown,
        Opening::Hours(week, zone) => match clinic_now(zone) {
            None => Now::Unknown,
            Some((day, minute)) => match open_until(week, day, minute) {
                Some(until) => Now::Open(until),
                None => Now::Closed(next_open(week, day, minute).map(|(ahead, at)| {
                    // today, or the weekday (1: Monday) of that day
                    (if ahead == 0 { 0 } else { (day + ahead) % 7 + 1 }, at)
                })),
            },
        },
    }
}
