//! infusion-check: a symptom self-check a patient opens on their phone after an
//! IV infusion. The clinical core (`protocol`) is pure Rust over the protocol
//! data; the browser shell (`ui`, `config`) only shows what the engine decides.

pub mod config;
pub mod i18n;
pub mod protocol;

/// The built-in protocol, checked and compiled by `build.rs` at build time
/// (read with [`protocol::Protocol::from_bytes`]).
pub const MAGNESIUM_COMPILED: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/magnesium.protocol"));
pub mod summary;
#[cfg(target_arch = "wasm32")]
pub mod ui;
