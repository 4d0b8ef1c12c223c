//! Arbitrary bytes as `glossary.yaml` of a small valid site, built with `output: None`:
//! errors are fine, a panic, hang or crash is not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    plansite_fuzz::build_with("glossary.yaml", data);
});
