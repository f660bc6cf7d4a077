//! What the process writes is for its own user only: the database and its `-wal`/`-shm`
//! files, the generated secret key, and the outbox's `.eml` files hold addresses, names and
//! signed links.
//!
//! [`private_by_default`] sets the umask to 077 before anything is written, so every file and
//! directory the process (SQLite included) creates is 0600 or 0700 from its first moment.
//! [`tighten`] brings a data directory written by an older version (0755 directories, 0644
//! files) to the same modes at start.

use std::path::Path;

use crate::config::Config;

/// Sets the umask to 077: new files 0600, new directories 0700.
pub fn private_by_default() {
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

/// Removes the group and other permission bits from the data directory, everything below it,
/// and a SQLite database kept elsewhere. Symbolic links are not followed. What cannot be
/// changed (another owner, a read-only mount) is logged, not fatal: the service still runs.
pub fn tighten(config: &Config) {
    tighten_tree(&config.data_dir);
    if let Some(database) = sqlite_path(&config.database_url) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = database.as_os_str().to_owned();
            name.push(suffix);
            tighten_one(Path::new(&name));
        }
    }
}

/// The file of a `sqlite://PATH[?options]` URL.
fn sqlite_path(url: &str) -> Option<&Path> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| Path::new(path))
}

fn tighten_tree(dir: &Path) {
    if !tighten_one(dir) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            tracing::warn!(%error, path = %dir.display(), "cannot list the directory to tighten its permissions");
            return;
        }
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => tighten_tree(&path),
            Ok(kind) if kind.is_file() => {
                tighten_one(&path);
            }
            _ => {}
        }
    }
}

/// Tightens one file or directory; `false` when it does not exist or is not a plain file or
/// directory (symbolic links are left alone).
#[cfg(unix)]
fn tighten_one(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return false,
        Err(error) => {
            tracing::warn!(%error, path = %path.display(), "cannot check permissions");
            return false;
        }
    };
    if !(metadata.is_dir() || metadata.is_file()) {
        return false;
    }
    let mode = metadata.permissions().mode() & 0o7777;
    let private = mode & !0o077;
    if private != mode {
        match std::fs::set_permissions(path, std::fs::Permissions::from_mode(private)) {
            Ok(()) => tracing::info!(
                path = %path.display(),
                from = format!("{mode:o}"),
                to = format!("{private:o}"),
                "tightened permissions"
            ),
            Err(error) => tracing::warn!(
                %error,
                path = %path.display(),
                "cannot make this private to the service's user; please do it by hand"
            ),
        }
    }
    true
}

#[cfg(not(unix))]
fn tighten_one(path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(sqlite_path("sqlite:///srv/rb/db.sqlite"), Some(Path::new("/srv/rb/db.sqlite")));
        assert_eq!(
            sqlite_path("sqlite://./data/rundbrief.db?mode=rwc"),
            Some(Path::new("./data/rundbrief.db"))
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://u@h/d"), None);
    }

    #[cfg(unix)]
    #[test]
    fn an_old_data_dir_becomes_private() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().expect("tempdir");
        let data = root.path().join("data");
        let outbox = data.join("outbox");
        std::fs::create_dir_all(&outbox).expect("mkdir");
        std::fs::write(data.join("rundbrief.db"), b"").expect("write");
        std::fs::write(outbox.join("1.eml"), b"").expect("write");
        let set = |path: &Path, mode: u32| {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        };
        set(&data, 0o755);
        set(&outbox, 0o775);
        set(&data.join("rundbrief.db"), 0o644);
        set(&outbox.join("1.eml"), 0o664);
        tighten_tree(&data);
        let mode =
            |path: &Path| std::fs::metadata(path).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&outbox), 0o700);
        assert_eq!(mode(&data.join("rundbrief.db")), 0o600);
        assert_eq!(mode(&outbox.join("1.eml")), 0o600);
    }
}
