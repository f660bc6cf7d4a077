//! Embeds every `locales/<lang>/<file>.ftl` into the library, so the binary carries its texts
//! and needs no files next to it at run time.
//!
//! The generated file is a table of `(language code, file name, include_str!(..))`. Using
//! `include_str!` (rather than copying the text into the generated file) lets Cargo track each
//! file as an input on its own; the `rerun-if-changed` on the folder catches added files.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let locales = Path::new(&manifest_dir).join("../../locales");
    println!("cargo:rerun-if-changed=../../locales");

    let mut entries: Vec<(String, String, String)> = Vec::new();
    if locales.is_dir() {
        let dirs = fs::read_dir(&locales).expect("locales/ must be readable");
        for dir in dirs {
            let dir = dir.expect("locales/ entry must be readable").path();
            if !dir.is_dir() {
                continue;
            }
            let Some(lang) = dir.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
                continue;
            };
            let files = fs::read_dir(&dir).expect("locales/<lang>/ must be readable");
            for file in files {
                let file = file.expect("locales/<lang>/ entry must be readable").path();
                let is_ftl = file.extension().is_some_and(|e| e == "ftl");
                if !is_ftl || !file.is_file() {
                    continue;
                }
                let Some(name) = file.file_name().and_then(|n| n.to_str()).map(str::to_owned)
                else {
                    continue;
                };
                let absolute = file
                    .canonicalize()
                    .expect("locale file path must resolve")
                    .to_str()
                    .expect("locale file path must be UTF-8 for include_str!")
                    .to_owned();
                entries.push((lang.clone(), name, absolute));
            }
        }
    }
    // Sorted, so the generated code (and thus the build) does not depend on directory order.
    entries.sort();

    let mut code = String::from("pub(crate) static EMBEDDED: &[(&str, &str, &str)] = &[\n");
    for (lang, name, path) in &entries {
        writeln!(code, "    ({lang:?}, {name:?}, include_str!({path:?})),")
            .expect("writing to a String cannot fail");
    }
    code.push_str("];\n");

    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(out, code).expect("OUT_DIR must be writable");
}
