//! The clinic's own time, from the browser's `Intl` (it knows the time
//! zones and their daylight-saving changes; the wasm carries no zone data).

use crate::config::{next_open, open_until, Opening};

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat`.
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type Format;
    /// Throws a `RangeError` for a zone the browser does not know.
    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = DateTimeFormat)]
    fn new(locale: &str, options: &wasm_bindgen::JsValue) -> Result<Format, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, js_class = DateTimeFormat, js_name = formatToParts)]
    fn parts(this: &Format) -> Vec<Part>;
    /// One of `formatToParts`' parts.
    type Part;
    #[wasm_bindgen(method, getter, js_name = type)]
    fn kind(this: &Part) -> String;
    #[wasm_bindgen(method, getter)]
    fn value(this: &Part) -> String;
}

/// The weekday (0: Monday) and minute of the day now in `zone`; `None` when
/// the browser does not know the zone (`Intl` throws a `RangeError`) or
/// gives no weekday and time.
pub fn clinic_now(zone: &str) -> Option<(usize, u16)> {
    // (the zone's form is checked: letters, digits and _ + - / only)
    let options = js_sys::JSON::parse(&format!(
        r#"{{"timeZone":"{zone}","weekday":"short","hour":"2-digit","minute":"2-digit","hourCycle":"h23"}}"#
    ))
    .ok()?;
    let (mut day, mut minutes) = (None, 0);
    for part in Format::new("en-US", &options).ok()?.parts() {
        let value = part.value();
        match (part.kind().as_str(), value.as_bytes()) {
            ("weekday", _) => {
                day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                    .iter()
                    .position(|d| *d == value)
            }
            // (two digits; some engines say 24 for midnight even with h23)
            ("hour", [a @ b'0'..=b'9', b @ b'0'..=b'9']) => {
                minutes += (u16::from(a - b'0') * 10 + u16::from(b - b'0')) % 24 * 60
            }
            ("minute", [a @ b'0'..=b'9', b @ b'0'..=b'9']) => {
                minutes += u16::from(a - b'0') * 10 + u16::from(b - b'0')
            }
            _ => {}
        }
    }
    Some((day?, minutes))
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
    /// Monday to Sunday) at this minute.
    Closed(usize, u16),
}

/// The clinic's hours now.
pub fn now(opening: &Opening) -> Now {
    match opening {
        Opening::Unset => Now::Unset,
        Opening::Unknown => Now::Unknown,
        Opening::Hours(week, zone) => match clinic_now(zone) {
            None => Now::Unknown,
            Some((day, minute)) => {
                let t = day as u16 * 1440 + minute;
                match open_until(week, t) {
                    Some(until) => Now::Open(until),
                    // (never open: the parser refuses such hours)
                    None => {
                        next_open(week, t).map_or(Now::Unknown, |(day, at)| Now::Closed(day, at))
                    }
                }
            }
        },
    }
}
