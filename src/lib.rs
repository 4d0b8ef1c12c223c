//! plansite: a static site generator for bilingual public plan portals.
//!
//! The pipeline reads top to bottom ([`build::build`]): [`load`] the source, [`validate`] it
//! across documents, [`render`] pages in memory, [`write`] them atomically.

pub mod abort;
pub mod agencies;
pub mod build;
mod changes;
pub mod content;
pub mod diagnostics;
pub mod import;
pub mod load;
pub mod memo;
pub mod progress;
pub mod release;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod tracking;
pub mod translations;
pub mod validate;
pub mod write;
