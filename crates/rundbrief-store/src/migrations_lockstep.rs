//! The two migration folders must move in lockstep: same versions, same names. A migration
//! added to one backend only would give the two databases different schemas.

use std::path::Path;

fn migration_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("dir entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".sql"))
        .collect();
    names.sort();
    names
}

#[test]
fn sqlite_and_postgres_migrations_have_the_same_versions_and_names() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    let sqlite = migration_names(&root.join("sqlite"));
    let postgres = migration_names(&root.join("postgres"));
    assert!(!sqlite.is_empty(), "no migrations found");
    assert_eq!(sqlite, postgres);
    for name in &sqlite {
        let (version, rest) = name.split_once('_').expect("NNNN_name.sql");
        assert_eq!(version.len(), 4, "{name}: versions are four digits");
        assert!(version.chars().all(|c| c.is_ascii_digit()), "{name}");
        assert!(!rest.is_empty(), "{name}");
    }
}
