//! The language files `build.rs` made: one per selection of packs and
//! language (`pkg/magnesium_vitamin-c-en.bin`, and its reasons'
//! `pkg/magnesium_vitamin-c-reasons-en.bin`), with the fingerprint of each, so
//! a file is read only if it is the one built with this wasm.

include!(concat!(env!("OUT_DIR"), "/files.rs"));

/// The shared core alone: the first screen while the patient has not yet
/// said what was in the drip (the red-flag screen is the same for every pack).
pub const CORE: &str = "core";

/// The fingerprints of a selection's language file and of its reasons' file.
pub fn built(selection: &str, lang: &str) -> Option<(&'static str, &'static str)> {
    FILES
        .iter()
        .find(|(s, l, ..)| *s == selection && *l == lang)
        .map(|(.., file, reasons)| (*file, *reasons))
}

/// The bit of a pack in a set of packs (see [`PACKS`]).
pub fn pack_bit(id: &str) -> Option<u32> {
    PACKS
        .iter()
        .position(|p| *p == id)
        .and_then(|i| 1_u32.checked_shl(u32::try_from(i).ok()?))
}

/// The selection (file name) of a set of packs (a bitset over [`PACKS`]):
/// those packs and the packs they bring. `None` for a set this build has no
/// file for (an empty set is [`CORE`]).
pub fn selection(set: u32) -> Option<&'static str> {
    SELECTIONS.iter().find(|(m, _)| *m == set).map(|(_, s)| *s)
}

/// The selection of these packs (IDs); `None` if one is unknown.
pub fn selection_of<'a>(packs: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    let mut set = 0;
    for p in packs {
        set |= pack_bit(p)?;
    }
    selection(set)
}

/// The selection a check starts with, before any pick: the clinic's preset
/// (or cautious default); the shared core alone when the patient will pick
/// (its first screen is every drip's).
pub fn start(therapy: &crate::config::Therapy) -> &'static str {
    if therapy.offered.len() >= 2 {
        return CORE;
    }
    selection_of(therapy.preset.iter().map(String::as_str))
        .or_else(|| selection(u32::MAX >> (32 - PACKS.len().clamp(1, 31))))
        .unwrap_or(CORE)
}
