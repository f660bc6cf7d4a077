//! The instance's HMAC key: from `RUNDBRIEF_SECRET_KEY`, or generated once into the data dir
//! and reused, so links in mails already sent stay valid across restarts.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rundbrief_core::token::TokenSigner;

const KEY_FILE: &str = "secret.key";
const KEY_BYTES: usize = 32;

pub fn load_or_create(configured: Option<&str>, data_dir: &Path) -> anyhow::Result<TokenSigner> {
    if let Some(key) = configured {
        return signer(key.as_bytes()).context("RUNDBRIEF_SECRET_KEY");
    }
    let path = data_dir.join(KEY_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let key = STANDARD
                .decode(text.trim())
                .with_context(|| format!("{} is not valid base64", path.display()))?;
            signer(&key).with_context(|| format!("key in {}", path.display()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(data_dir)
                .with_context(|| format!("cannot create {}", data_dir.display()))?;
            let key: [u8; KEY_BYTES] = rand::random();
            write_private(&path, STANDARD.encode(key).as_bytes())?;
            tracing::info!(path = %path.display(), "generated a new secret key");
            signer(&key)
        }
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

fn signer(key: &[u8]) -> anyhow::Result<TokenSigner> {
    if key.len() < KEY_BYTES {
        bail!("the secret key must be at least {KEY_BYTES} bytes long");
    }
    TokenSigner::new(key).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Creates the file readable by its owner only; it must never exist with wider permissions,
/// not even for a moment, so the mode is set at creation.
fn write_private(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file =
        options.open(path).with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(contents).with_context(|| format!("cannot write {}", path.display()))?;
    file.sync_all().with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rundbrief_core::token::TokenPurpose;

    #[test]
    fn a_generated_key_is_private_and_reused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = load_or_create(None, dir.path()).expect("created");
        let token = first.sign(TokenPurpose::Unsubscribe, 7, None);
        let second = load_or_create(None, dir.path()).expect("reloaded");
        let now = time::OffsetDateTime::now_utc();
        assert_eq!(second.verify(&token, TokenPurpose::Unsubscribe, now).ok(), Some(7));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE)).expect("meta").permissions();
            assert_eq!(mode.mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn a_short_configured_key_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let Err(err) = load_or_create(Some("short"), dir.path()) else { panic!("accepted") };
        assert!(format!("{err:#}").contains("at least 32 bytes"), "{err:#}");
        assert!(!dir.path().join(KEY_FILE).exists());
    }
}
