//! Delivery into a directory of `.eml` files, used when no SMTP server is configured
//! (`<data dir>/outbox`). Each file appears whole or not at all: it is written under a temporary
//! name, synced, then renamed.

use std::path::{Path, PathBuf};

use rand::Rng as _;
use time::OffsetDateTime;
use tokio::io::AsyncWriteExt as _;

use crate::error::SendError;
use crate::transport::{Envelope, Transport};

/// Writes every message to `<dir>/<UTC timestamp>-<message-id>.eml`.
#[derive(Debug, Clone)]
pub struct FileOutbox {
    dir: PathBuf,
}

impl FileOutbox {
    /// An outbox in `dir`, created on first use.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The directory the files go to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `message` and returns the path of the new file.
    pub async fn store(&self, message: &[u8]) -> Result<PathBuf, SendError> {
        let io = |what: &str, err: std::io::Error| {
            // A full disk or a permission problem can be fixed; let the queue retry.
            SendError::transient(format!("outbox: cannot {what}: {err}"))
        };
        tokio::fs::create_dir_all(&self.dir).await.map_err(|e| io("create the directory", e))?;
        let id = message_id(message)
            .map(file_safe)
            .unwrap_or_else(|| format!("{:016x}", rand::rng().random::<u64>()));
        let name = format!("{}-{id}.eml", timestamp(OffsetDateTime::now_utc()));
        let target = self.dir.join(&name);
        // A dot-name with another suffix: nobody looking for *.eml picks up a half-written file.
        let temp = self.dir.join(format!(".{name}.{:08x}.tmp", rand::rng().random::<u32>()));
        let written = async {
            let mut file = tokio::fs::File::create(&temp).await?;
            file.write_all(message).await?;
            file.sync_all().await?;
            tokio::fs::rename(&temp, &target).await
        }
        .await;
        if let Err(err) = written {
            // Best effort: the write already failed, and a stray temp file is harmless.
            let _ = tokio::fs::remove_file(&temp).await;
            return Err(io("write the message", err));
        }
        Ok(target)
    }
}

impl Transport for FileOutbox {
    /// The envelope is not recorded: the file is the message exactly as it would go out.
    async fn send(&self, envelope: Envelope<'_>, message: &[u8]) -> Result<(), SendError> {
        if envelope.to.is_empty() {
            return Err(SendError::permanent("no recipients"));
        }
        self.store(message).await.map(drop)
    }
}

/// `20251125T123600.123456789Z`: sorts by time, safe in any file system.
fn timestamp(now: OffsetDateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}.{:09}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second(),
        now.nanosecond()
    )
}

/// The Message-ID of a message, without angle brackets, if its header has one.
fn message_id(message: &[u8]) -> Option<&str> {
    let header_end = message.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(message.len());
    let headers = std::str::from_utf8(&message[..header_end]).ok()?;
    let mut lines = headers.split("\r\n").peekable();
    while let Some(line) = lines.next() {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        if !name.trim_end().eq_ignore_ascii_case("message-id") {
            continue;
        }
        let mut value = value.trim();
        if value.is_empty() {
            // Folded onto the next line.
            value = lines.peek().map_or("", |l| l.trim());
        }
        let value = value.trim_start_matches('<').trim_end_matches('>');
        return (!value.is_empty()).then_some(value);
    }
    None
}

fn file_safe(id: &str) -> String {
    id.chars()
        .take(200)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '@' | '+' | '-' | '=') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_message_id() {
        assert_eq!(message_id(b"A: b\r\nMessage-ID: <x@y>\r\n\r\nbody"), Some("x@y"));
        assert_eq!(message_id(b"message-id:\r\n <x@y>\r\n\r\n"), Some("x@y"));
        assert_eq!(message_id(b"A: b\r\n\r\nMessage-ID: <not@header>"), None);
    }

    #[test]
    fn names_are_file_safe() {
        assert_eq!(file_safe("a/b\\c@d.e"), "a_b_c@d.e");
        let ts = timestamp(OffsetDateTime::UNIX_EPOCH);
        assert_eq!(ts, "19700101T000000.000000000Z");
    }
}
