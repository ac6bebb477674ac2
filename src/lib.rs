//! infusion-check: a symptom self-check a patient opens on their phone after an
//! IV infusion. The clinical core (`protocol`) is pure Rust over the protocol
//! data; the browser shell (`ui`, `config`) only shows what the engine decides.

pub mod config;
pub mod files;
pub mod history;
pub mod i18n;
pub mod protocol;
pub mod readback;
pub mod reminder;
pub mod roles;

/// The built-in protocol, checked and compiled by `build.rs` at build time
/// (read with [`protocol::Protocol::from_bytes`]). Native builds only: the
/// browser loads one language file (`magnesium-en.bin`, `magnesium-es.bin`)
/// beside the wasm instead, so the wasm carries no protocol text.
#[cfg(not(target_arch = "wasm32"))]
pub const MAGNESIUM_COMPILED: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/magnesium.protocol"));

/// The compiled protocol in one language (what the browser loads).
pub const MAGNESIUM_PACKS: [(protocol::Lang, &[u8]); 2] = [
    (
        protocol::Lang::En,
        include_bytes!(concat!(env!("OUT_DIR"), "/magnesium-en.bin")),
    ),
    (
        protocol::Lang::Es,
        include_bytes!(concat!(env!("OUT_DIR"), "/magnesium-es.bin")),
    ),
];

/// The reasons of each language file (its rules' reasons in every wording,
/// left out of it: `Protocol::take_reasons`), what the browser fetches after
/// the first screen.
pub const MAGNESIUM_REASONS: [(protocol::Lang, &[u8]); 2] = [
    (
        protocol::Lang::En,
        include_bytes!(concat!(env!("OUT_DIR"), "/magnesium-reasons-en.bin")),
    ),
    (
        protocol::Lang::Es,
        include_bytes!(concat!(env!("OUT_DIR"), "/magnesium-reasons-es.bin")),
    ),
];

/// `id/version` of the built-in protocol: the key of the answers kept in
/// session storage, known before a language file is loaded.
pub const PROTOCOL_KEY: &str = env!("INFUSION_CHECK_PROTOCOL_KEY");
/// The language files the page loads beside the wasm (and, natively, the
/// build's first screen reads).
#[cfg(any(
    all(target_arch = "wasm32", not(feature = "nurse")),
    feature = "prerender"
))]
pub mod loader;
/// The nurse's page: the `nurse` build's wasm (scripts/build), without the widget.
#[cfg(all(target_arch = "wasm32", feature = "nurse"))]
pub mod nurse;
pub mod session;
pub mod summary;
#[cfg(any(
    all(target_arch = "wasm32", not(feature = "nurse")),
    feature = "prerender"
))]
pub mod ui;

/// The allocator in the browser: Talc (smaller and faster in wasm than the
/// default dlmalloc; measured in the README's Numbers).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
