//! Reads the compiled protocol (what `build.rs` writes) without serde: a
//! direct reader of postcard's wire format for exactly our types, plus the
//! patient-facing texts kept apart at the end of the file.
//!
//! Why not `postcard::from_bytes`: serde's visitors for the two dozen protocol
//! types cost the wasm about 23 kB (7 kB brotli); this reader is a third of
//! that. A field added to a model struct and not here does not compile (the
//! reader builds each struct whole); tests read every compiled file back and
//! compare it with the protocol it was written from, and encode one value of
//! every `Cond` variant with postcard and read it back here (with an
//! exhaustive `match`, so a new variant fails there until it is added).
//!
//! A compiled file ([`write_split`], [`Reader::read_split`]) is:
//! - the structure's length (a varint), then the structure in postcard's
//!   format, where each [`Text`] (a question, an option, a rule's reason,
//!   an outcome ...) takes no bytes at all;
//! - then the texts, in the order the structure holds them (a `Text` is its
//!   English then its Spanish), each ended by a NUL byte.
//!
//! Kept apart, the texts lose their length prefixes and sit together, which
//! brotli packs better: measured on the language files as built, 10,665 to
//! 9,933 B (English) and 11,756 to 10,748 B (Spanish), brotli -q 11.
//!
//! Postcard's format (postcard 1): an unsigned integer, a length or an enum's
//! variant is a LEB128 varint; a `bool` one byte, 0 or 1; an `Option` a byte,
//! 0 (none) or 1 then the value; a string its length then UTF-8; a list its
//! length then the items; a struct or tuple its fields in declaration order.

use super::model::{
    AdviceData, Cond, Effect, Kind, Level, OptionData, OutcomeText, Outcomes, RaiseData, Recheck,
    RuleData, Text, TEXT_SINK,
};
use super::{Lang, Protocol, Question};
use litemap::LiteMap;

/// A bound on how deep conditions nest (the protocol's deepest is 5).
const MAX_DEPTH: u32 = 32;

/// A cursor over the bytes. A read past the end or of a bad value marks the
/// reader as failed and gives a placeholder (an empty string, `false`, 0 ...);
/// reads go on without effect, and [`Reader::read_all`] or
/// [`Reader::read_split`] then gives `None`.
/// (No early return: a `?` after each field would make the compiler write a
/// clean-up path per field of every struct, which doubled this reader's size.)
pub struct Reader<'a> {
    bytes: &'a [u8],
    /// The texts not yet read (see the module's doc).
    texts: &'a [u8],
    depth: u32,
    failed: bool,
}

/// What can be read.
pub trait Wire: Sized {
    /// Reads one value (a placeholder if the reader failed).
    fn read(r: &mut Reader) -> Self;
}

impl<'a> Reader<'a> {
    /// Reads a whole value, in postcard's format only (no texts), that must
    /// use every byte (the widget's session storage; tests).
    pub fn read_all<T: Wire>(bytes: &[u8]) -> Option<T> {
        Reader::new(bytes, &[]).finish(T::read)
    }

    /// Reads a whole compiled file (structure, then texts; see the module's
    /// doc) that must use every byte and every text.
    pub fn read_split<T>(bytes: &[u8], read: impl FnOnce(&mut Reader) -> T) -> Option<T> {
        let mut r = Reader::new(bytes, &[]);
        let n = r.len();
        if r.failed {
            return None;
        }
        let (structure, texts) = r.bytes.split_at_checked(n)?;
        Reader::new(structure, texts).finish(read)
    }

    fn new(bytes: &'a [u8], texts: &'a [u8]) -> Reader<'a> {
        Reader {
            bytes,
            texts,
            depth: 0,
            failed: false,
        }
    }

    fn finish<T>(mut self, read: impl FnOnce(&mut Reader) -> T) -> Option<T> {
        let v = read(&mut self);
        (!self.failed && self.bytes.is_empty() && self.texts.is_empty()).then_some(v)
    }

    /// Marks the read as failed; gives `fallback`.
    fn fail<T>(&mut self, fallback: T) -> T {
        self.failed = true;
        self.bytes = &[];
        self.texts = &[];
        fallback
    }

    /// The next text (up to its NUL).
    fn text(&mut self) -> String {
        match self.texts.iter().position(|&b| b == 0) {
            Some(n) => {
                let t = self.texts.get(..n).unwrap_or_default();
                self.texts = self.texts.get(n + 1..).unwrap_or_default();
                self.utf8(t)
            }
            None => self.fail(String::new()),
        }
    }

    /// A string from UTF-8 bytes.
    fn utf8(&mut self, s: &[u8]) -> String {
        match std::str::from_utf8(s) {
            Ok(s) => s.to_string(),
            Err(_) => self.fail(String::new()),
        }
    }

    /// A list of texts: its length in the structure, the texts in the texts
    /// part (what [`write_split`] writes for its `more`).
    pub fn texts(&mut self) -> Vec<String> {
        let n = self.len();
        let mut v = Vec::with_capacity(n.min(256));
        for _ in 0..n {
            v.push(self.text());
        }
        v
    }

    fn byte(&mut self) -> u8 {
        match self.bytes.split_first() {
            Some((&b, rest)) => {
                self.bytes = rest;
                b
            }
            None => self.fail(0),
        }
    }

    /// A LEB128 varint that fits in 32 bits.
    pub fn varint(&mut self) -> u32 {
        let mut v: u32 = 0;
        for shift in [0, 7, 14, 21, 28] {
            let b = self.byte();
            v |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return if shift < 28 || b < 0x10 {
                    v
                } else {
                    self.fail(0)
                };
            }
        }
        self.fail(0)
    }

    /// A length: each item takes at least one byte (a text its NULs), so a
    /// length beyond what is left is a damaged file, not a reason to reserve
    /// memory.
    fn len(&mut self) -> usize {
        let n = self.varint() as usize;
        if n <= self.bytes.len() + self.texts.len() {
            n
        } else {
            self.fail(0)
        }
    }
}

impl Wire for bool {
    fn read(r: &mut Reader) -> bool {
        match r.byte() {
            0 => false,
            1 => true,
            _ => r.fail(false),
        }
    }
}

impl Wire for usize {
    fn read(r: &mut Reader) -> usize {
        r.varint() as usize
    }
}

impl Wire for String {
    fn read(r: &mut Reader) -> String {
        let n = r.len();
        match r.bytes.split_at_checked(n) {
            Some((s, rest)) => {
                r.bytes = rest;
                r.utf8(s)
            }
            None => r.fail(String::new()),
        }
    }
}

impl<T: Wire> Wire for Option<T> {
    fn read(r: &mut Reader) -> Option<T> {
        bool::read(r).then(|| T::read(r))
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn read(r: &mut Reader) -> Vec<T> {
        let n = r.len();
        // (`n` is at most the bytes and texts left; the cap keeps a damaged file's
        // nested lists from reserving much before the read fails)
        let mut v = Vec::with_capacity(n.min(256));
        for _ in 0..n {
            v.push(T::read(r));
        }
        v
    }
}

impl<A: Wire, B: Wire> Wire for (A, B) {
    fn read(r: &mut Reader) -> (A, B) {
        let a = A::read(r);
        (a, B::read(r))
    }
}

impl<T: Wire> Wire for Box<T> {
    fn read(r: &mut Reader) -> Box<T> {
        Box::new(T::read(r))
    }
}

/// A map, written as its sorted list of pairs (see `model::sorted_map`):
/// keys out of order or repeated make the file unreadable.
impl<V: Wire> Wire for LiteMap<String, V> {
    fn read(r: &mut Reader) -> LiteMap<String, V> {
        let pairs: Vec<(String, V)> = Vec::read(r);
        if !pairs.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)) {
            r.fail(());
        }
        LiteMap::from_sorted_store_unchecked(pairs)
    }
}

/// Implements `Wire` for a struct read field by field, in declaration order.
macro_rules! wire_struct {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl Wire for $t {
            fn read(r: &mut Reader) -> $t {
                $t { $($f: Wire::read(r)),* }
            }
        }
    };
}

/// Implements `Wire` for a field-less enum, variants in declaration order
/// (an unknown variant fails the read).
macro_rules! wire_enum {
    ($t:ident { $first:ident $(, $v:ident)* $(,)? }) => {
        impl Wire for $t {
            fn read(r: &mut Reader) -> $t {
                let i = r.varint() as usize;
                match [$t::$first $(, $t::$v)*].get(i) {
                    Some(v) => *v,
                    None => r.fail($t::$first),
                }
            }
        }
    };
}

wire_enum!(Lang { En, Es });
wire_enum!(Kind {
    YesNo,
    Single,
    Multi,
    Checklist,
    Text
});
wire_enum!(Level {
    SelfCare,
    CallToday,
    CallNow,
    Emergency
});
wire_enum!(Effect { Raise, Clear, Note });

/// A text is in the texts part (see the module's doc).
impl Wire for Text {
    fn read(r: &mut Reader) -> Text {
        let en = r.text();
        Text { en, es: r.text() }
    }
}

/// (An option's and an advice entry's `pack` is data only: a compiled file
/// holds a selection, which has none.)
impl Wire for OptionData {
    fn read(r: &mut Reader) -> OptionData {
        let id = Wire::read(r);
        let label = Wire::read(r);
        let hint = Wire::read(r);
        OptionData {
            id,
            label,
            hint,
            exclusive: Wire::read(r),
            pack: None,
        }
    }
}
wire_struct!(RaiseData { when, then });
wire_struct!(RuleData {
    id,
    when,
    then,
    raise,
    effect,
    clears,
    group,
    count_groups,
    stop,
    ask_for_advice,
    why,
    why_they,
    why_unsure,
    why_unsure_they,
    advice,
    advice_they,
    sources,
    pack,
});
wire_struct!(OutcomeText {
    title,
    title_they,
    lead,
    lead_they,
    at_clinic,
    at_clinic_they,
    do_now,
    do_now_they,
    get_help,
    get_help_they,
    recheck,
});

impl Wire for Recheck {
    fn read(r: &mut Reader) -> Recheck {
        match r.varint() {
            0 => Recheck::AfterHours(r.varint()),
            1 => Recheck::NextMorningAt(Wire::read(r)),
            _ => r.fail(Recheck::AfterHours(0)),
        }
    }
}
wire_struct!(Outcomes {
    emergency,
    call_now,
    call_today,
    self_care
});
impl Wire for AdviceData {
    fn read(r: &mut Reader) -> AdviceData {
        let id = Wire::read(r);
        let when = Wire::read(r);
        let text = Wire::read(r);
        let text_they = Wire::read(r);
        AdviceData {
            id,
            when,
            text,
            text_they,
            sources: Wire::read(r),
            pack: None,
        }
    }
}
wire_struct!(Question {
    id,
    kind,
    text,
    text_they,
    hint,
    ask_when,
    offers_not_sure,
    if_not_sure,
    ordered,
    options,
    sections,
    parent,
    shown_with,
    code,
});
wire_struct!(Protocol {
    id,
    version,
    review_date,
    spec,
    title,
    status,
    questions,
    screens,
    defs,
    rules,
    outcomes,
    advice,
});

impl Wire for Cond {
    fn read(r: &mut Reader) -> Cond {
        if r.depth >= MAX_DEPTH {
            return r.fail(Cond::All(Vec::new()));
        }
        r.depth += 1;
        let c = match r.varint() {
            0 => Cond::Is(Wire::read(r)),
            1 => Cond::All(Wire::read(r)),
            2 => Cond::Any(Wire::read(r)),
            3 => Cond::Not(Wire::read(r)),
            4 => {
                let n = Wire::read(r);
                Cond::AtLeast {
                    n,
                    of: Wire::read(r),
                }
            }
            5 => Cond::Def(Wire::read(r)),
            6 => Cond::Fired(Wire::read(r)),
            7 => Cond::LevelBelow(Wire::read(r)),
            8 => Cond::GroupsFired(Wire::read(r)),
            9 => Cond::Assumed(Wire::read(r)),
            10 => Cond::Uncleared(Wire::read(r)),
            11 => Cond::Cleared(Wire::read(r)),
            _ => r.fail(Cond::All(Vec::new())),
        };
        r.depth -= 1;
        c
    }
}

/// Writes a compiled file (see the module's doc): `value`, its texts set
/// aside, and then `more` texts (their count is for `value` to write).
pub fn write_split<T: serde::Serialize>(value: &T, more: &[&str]) -> Result<Vec<u8>, String> {
    /// Empties the sink however the write ends (a panic included), so a
    /// later JSON write of a `Text` is never caught by it.
    struct Sink;
    impl Drop for Sink {
        fn drop(&mut self) {
            TEXT_SINK.take();
        }
    }
    let _sink = Sink;
    TEXT_SINK.set(Some(Vec::new()));
    let structure = postcard::to_allocvec(value);
    let texts = TEXT_SINK.take().unwrap_or_default();
    let structure = structure.map_err(|e| e.to_string())?;
    let mut w = Writer::default();
    w.len(structure.len());
    w.0.extend(structure);
    for t in texts.iter().map(String::as_str).chain(more.iter().copied()) {
        if t.contains('\0') {
            return Err(format!(
                "a text holds a NUL character: \"{}\"",
                t.escape_debug()
            ));
        }
        w.0.extend(t.as_bytes());
        w.0.push(0);
    }
    Ok(w.0)
}

/// Writes values in the same format (the widget's session storage: small
/// lists of strings). The compiled files are written by [`write_split`], at
/// build time.
#[derive(Default)]
pub struct Writer(pub Vec<u8>);

/// The bytes of `s`, written by [`Writer::hex`] (what the widget keeps in
/// the browser's storage): `None` unless it is whole hex, at most `max`
/// characters.
pub fn from_hex(s: &str, max: usize) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || s.len() > max || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect()
}

impl Writer {
    /// What was written, as lowercase hex (see [`from_hex`]).
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// A LEB128 varint.
    pub fn varint(&mut self, mut v: u32) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    /// A length (saturating: nothing the widget keeps comes near 4 GB).
    pub fn len(&mut self, n: usize) {
        self.varint(u32::try_from(n).unwrap_or(u32::MAX));
    }

    /// A string.
    pub fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    /// A list of strings.
    pub fn strs(&mut self, list: &[String]) {
        self.len(list.len());
        list.iter().for_each(|s| self.str(s));
    }
}
