//! infusion-check: a symptom self-check a patient opens on their phone after an
//! IV infusion. The clinical core (`protocol`) is pure Rust over the protocol
//! data; the browser shell (`ui`, `config`) only shows what the engine decides.

pub mod protocol;
