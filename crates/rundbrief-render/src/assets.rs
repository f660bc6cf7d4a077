//! The image files of `templates/` that public pages show: the organisation's logo (named by
//! `logo` in `organisation.toml`) and the favicon (`favicon.ico` or `favicon.png`). They are
//! read once at start, so the web server serves bytes it already holds and never opens a path
//! a request names.

use std::path::Path;
use std::sync::Arc;

use crate::error::RenderError;

/// Larger files are refused at start: a logo on a sign-up page should be a few kilobytes.
pub const MAX_IMAGE_BYTES: usize = 512 * 1024;

/// One image held in memory with its media type and a short fingerprint for cache busting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub bytes: Arc<[u8]>,
    pub content_type: &'static str,
    /// Hex of a hash of the bytes; pages link `…?v=<version>` so a changed file is fetched anew.
    pub version: String,
}

/// The media type for an image file name, by its extension; `None` for anything else,
/// including names with a directory part.
pub(crate) fn image_type(file_name: &str) -> Option<&'static str> {
    if file_name.contains(['/', '\\']) || file_name.starts_with('.') {
        return None;
    }
    let (_, ext) = file_name.rsplit_once('.')?;
    Some(match ext.to_ascii_lowercase().as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        _ => return None,
    })
}

/// FNV-1a: a fingerprint for cache busting, not a security property.
fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

/// Reads `dir/file_name`; `Ok(None)` when it does not exist and `required` is false.
pub(crate) fn load_image(
    dir: &Path,
    file_name: &str,
    key: &str,
    required: bool,
) -> Result<Option<Image>, RenderError> {
    let path = dir.join(file_name);
    let invalid =
        |problem| RenderError::TemplateValue { path: path.clone(), key: key.to_owned(), problem };
    let Some(content_type) = image_type(file_name) else {
        return Err(invalid("is not an image file name"));
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => return Ok(None),
        Err(source) => return Err(RenderError::TemplateRead { path, source }),
    };
    if bytes.is_empty() || bytes.len() > MAX_IMAGE_BYTES {
        return Err(invalid("must be a non-empty file of at most 512 KiB"));
    }
    let version = fingerprint(&bytes);
    Ok(Some(Image { bytes: bytes.into(), content_type, version }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_image_names_have_a_type() {
        assert_eq!(image_type("logo.SVG"), Some("image/svg+xml"));
        assert_eq!(image_type("logo.png"), Some("image/png"));
        for bad in ["../logo.png", "a/logo.png", "logo", "logo.toml", ".png", "a\\b.png"] {
            assert_eq!(image_type(bad), None, "{bad}");
        }
    }
}
