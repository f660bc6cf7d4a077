//! Images uploaded in the composer (issue 23): checked, cleaned and stored in the database.
//!
//! The type is decided by the file's first bytes, never by its name or the type the browser
//! claims: JPEG, PNG and WebP are taken, SVG (a document that can carry script) and everything
//! else is refused. An image is decoded and encoded again, which drops EXIF (GPS positions,
//! camera serials), comments and every other piece of metadata; the EXIF orientation is applied
//! to the pixels first, so a phone photo stays upright. It is scaled down to twice the mail
//! column's width and stored under a name that says its content and size
//! (`rundbrief_render::media_name`), so `/media/{name}` never changes.

use std::io::Cursor;

use image::codecs::jpeg::{JpegDecoder, JpegEncoder};
use image::codecs::png::{PngDecoder, PngEncoder};
use image::codecs::webp::WebPDecoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, Limits};
use rundbrief_core::UserId;
use rundbrief_render::{MAX_STORED_WIDTH, media_name};
use rundbrief_store::NewMedia;
pub use rundbrief_store::{MediaFile, MediaInfo};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::{App, AppError};

/// The largest upload taken by default (`RUNDBRIEF_MEDIA_MAX_BYTES`).
pub const DEFAULT_MAX_BYTES: u64 = 5 * 1024 * 1024;
/// At most this many pixels are decoded: a small file can claim a huge canvas (a
/// decompression bomb). The stored image is at most `MAX_STORED_WIDTH` (1104) pixels wide, so
/// more pixels add nothing a mail shows; 24 million still take a 24-megapixel camera's photo
/// (6000 × 4000), and decoding it costs up to 192 MB (RGBA at 16 bits a channel) plus copies.
pub const MAX_PIXELS: u64 = 24_000_000;
/// Quality of the JPEG written: no visible loss at mail sizes, a fraction of the bytes.
const JPEG_QUALITY: u8 = 85;
/// The images the composer lists.
pub const LIST_LIMIT: u32 = 200;

/// Why an upload is refused; each is said to the editor in their language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaRefusal {
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the file is empty")]
    Empty,
    /// SVG is XML that can carry script and links; mail clients do not show it either.
    #[error("SVG images are not accepted")]
    Svg,
    #[error("the file is not a JPEG, PNG or WebP image")]
    Unsupported,
    #[error("the image has {width} × {height} pixels, more than {limit} in all")]
    TooManyPixels { width: u32, height: u32, limit: u64 },
    #[error("the image cannot be read: {0}")]
    Unreadable(String),
}

/// Why an upload failed: refused, or the store failed.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error(transparent)]
    Refused(#[from] MediaRefusal),
    #[error(transparent)]
    App(#[from] AppError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Jpeg,
    Png,
    WebP,
}

/// The type the first bytes say; `Err` names what is refused.
fn sniff(bytes: &[u8]) -> Result<Kind, MediaRefusal> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Kind::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(Kind::Png);
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Ok(Kind::WebP);
    }
    // An SVG is text: after a byte order mark and blanks, an XML declaration, a comment, a
    // doctype or the element itself, its name within the first kilobyte.
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head));
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') && text.to_ascii_lowercase().contains("<svg") {
        return Err(MediaRefusal::Svg);
    }
    Err(MediaRefusal::Unsupported)
}

/// An image as it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub name: String,
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

/// Decodes, turns upright, scales and encodes again; pure and CPU-bound (run it off the
/// async threads). `max_bytes` is the upload limit.
pub fn clean(bytes: &[u8], max_bytes: u64) -> Result<Cleaned, MediaRefusal> {
    if bytes.is_empty() {
        return Err(MediaRefusal::Empty);
    }
    if bytes.len() as u64 > max_bytes {
        return Err(MediaRefusal::TooLarge { limit: max_bytes });
    }
    let kind = sniff(bytes)?;
    let unreadable = |e: image::ImageError| MediaRefusal::Unreadable(e.to_string());
    let (mut image, orientation) = match kind {
        Kind::Jpeg => decode(JpegDecoder::new(Cursor::new(bytes)).map_err(unreadable)?)?,
        Kind::Png => decode(PngDecoder::new(Cursor::new(bytes)).map_err(unreadable)?)?,
        Kind::WebP => decode(WebPDecoder::new(Cursor::new(bytes)).map_err(unreadable)?)?,
    };
    image.apply_orientation(orientation);
    if image.width() > MAX_STORED_WIDTH {
        let height =
            u64::from(image.height()) * u64::from(MAX_STORED_WIDTH) / u64::from(image.width());
        let height = u32::try_from(height.max(1)).unwrap_or(1);
        image = image.resize_exact(MAX_STORED_WIDTH, height, FilterType::CatmullRom);
    }
    // A photo stays a JPEG; what has transparency (or was drawn as a PNG) becomes a PNG. WebP
    // is written as one of the two, since Outlook and older Apple Mail do not show it.
    let alpha = image.color().has_alpha();
    let as_png = kind == Kind::Png || alpha;
    let mut data = Vec::new();
    let (mime, extension) = if as_png {
        let encoder = PngEncoder::new(&mut data);
        let pixels = if alpha {
            DynamicImage::ImageRgba8(image.to_rgba8())
        } else {
            DynamicImage::ImageRgb8(image.to_rgb8())
        };
        pixels.write_with_encoder(encoder).map_err(unreadable)?;
        ("image/png", "png")
    } else {
        let encoder = JpegEncoder::new_with_quality(&mut data, JPEG_QUALITY);
        DynamicImage::ImageRgb8(image.to_rgb8()).write_with_encoder(encoder).map_err(unreadable)?;
        ("image/jpeg", "jpg")
    };
    let digest = Sha256::digest(&data);
    let hash: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    let (width, height) = (image.width(), image.height());
    Ok(Cleaned { name: media_name(&hash, width, height, extension), mime, width, height, data })
}

/// One image is cleaned at a time in the whole process. Each cleaning may hold a few hundred
/// megabytes (see [`MAX_PIXELS`]), and `spawn_blocking` alone would run as many at once as
/// there are uploads, up to its 512 threads; one at a time bounds the memory, and on the
/// machines this runs on (a few cores, uploads now and then by editors) the wait is short.
static CLEANING: Semaphore = Semaphore::const_new(1);

/// [`clean`] on a blocking thread, after the images uploaded before it.
async fn clean_in_turn(bytes: Vec<u8>, max_bytes: u64) -> Result<Cleaned, UploadError> {
    let permit = CLEANING
        .acquire()
        .await
        .map_err(|e| AppError::Internal(format!("the image queue is closed: {e}")))?;
    // The permit moves into the task, so it is held until the work ends even when the upload
    // is abandoned (the client went away) and this future dropped.
    let cleaned = tokio::task::spawn_blocking(move || {
        let cleaned = clean(&bytes, max_bytes);
        drop(permit);
        cleaned
    })
    .await
    .map_err(|e| AppError::Internal(format!("the image worker failed: {e}")))??;
    Ok(cleaned)
}

/// The pixels and the EXIF orientation, after checking the size the header claims.
fn decode(
    mut decoder: impl ImageDecoder,
) -> Result<(DynamicImage, image::metadata::Orientation), MediaRefusal> {
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(MediaRefusal::TooManyPixels { width, height, limit: MAX_PIXELS });
    }
    let mut limits = Limits::default();
    // Room for the decoded image in RGBA at 16 bits a channel, and the decoder's own buffers.
    limits.max_alloc = Some(MAX_PIXELS * 8 + 64 * 1024 * 1024);
    let unreadable = |e: image::ImageError| MediaRefusal::Unreadable(e.to_string());
    decoder.set_limits(limits).map_err(unreadable)?;
    // A broken orientation tag is no reason to refuse the picture: it stays as it was stored.
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    Ok((image, orientation))
}

impl App {
    /// Cleans and stores an uploaded image; the same image again is the same row.
    pub async fn upload_media(
        &self,
        bytes: Vec<u8>,
        uploaded_by: Option<UserId>,
    ) -> Result<MediaInfo, UploadError> {
        let max = self.settings().media_max_bytes;
        let cleaned = clean_in_turn(bytes, max).await?;
        let new = NewMedia {
            name: cleaned.name,
            mime: cleaned.mime.to_owned(),
            width: cleaned.width,
            height: cleaned.height,
            data: cleaned.data,
            uploaded_by,
        };
        let stored = self.store().store_media(&new, self.now()).await.map_err(AppError::from)?;
        tracing::info!(media = stored.id, user = ?uploaded_by.map(|u| u.0), "image uploaded");
        Ok(stored)
    }

    /// The stored image of this name, `None` for an unknown or malformed one.
    pub async fn media_file(&self, name: &str) -> Result<Option<MediaFile>, AppError> {
        if rundbrief_render::media_size(name).is_none() {
            return Ok(None);
        }
        Ok(self.store().media_file(name).await?)
    }

    /// The newest uploaded images, for the composer's list.
    pub async fn media_list(&self) -> Result<Vec<MediaInfo>, AppError> {
        Ok(self.store().media_list(LIST_LIMIT).await?)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = DynamicImage::ImageRgb8(image::RgbImage::new(width, height));
        let mut out = Vec::new();
        image.write_with_encoder(PngEncoder::new(&mut out)).unwrap();
        out
    }

    /// The CRC-32 of a PNG chunk (type and data).
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    #[test]
    fn the_type_is_told_by_the_bytes() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Ok(Kind::Jpeg));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Ok(Kind::WebP));
        let svg = "\u{feff}  <?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        assert_eq!(sniff(svg.as_bytes()), Err(MediaRefusal::Svg));
        assert_eq!(sniff(b"<SVG onload=alert(1)>"), Err(MediaRefusal::Svg));
        assert_eq!(sniff(b"GIF89a...."), Err(MediaRefusal::Unsupported));
        assert_eq!(sniff(b"%PDF-1.7"), Err(MediaRefusal::Unsupported));
    }

    #[test]
    fn wide_images_are_scaled_and_named_by_content_and_size() {
        let cleaned = clean(&png(3000, 1500), DEFAULT_MAX_BYTES).unwrap();
        assert_eq!((cleaned.width, cleaned.height), (MAX_STORED_WIDTH, MAX_STORED_WIDTH / 2));
        assert_eq!(cleaned.mime, "image/png");
        assert_eq!(rundbrief_render::media_size(&cleaned.name), Some((1104, 552)));
        let small = clean(&png(10, 20), DEFAULT_MAX_BYTES).unwrap();
        assert_eq!((small.width, small.height), (10, 20));
        assert_eq!(clean(&png(10, 20), DEFAULT_MAX_BYTES).unwrap().name, small.name);
    }

    #[test]
    fn limits_are_refused_with_the_reason() {
        assert_eq!(clean(&png(10, 10), 50), Err(MediaRefusal::TooLarge { limit: 50 }));
        assert_eq!(clean(b"", 50), Err(MediaRefusal::Empty));
        // A PNG header that claims 100,000 × 100,000 pixels, with no pixels behind it.
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        match clean(&bomb, DEFAULT_MAX_BYTES) {
            Err(MediaRefusal::TooManyPixels { .. } | MediaRefusal::Unreadable(_)) => {}
            other => panic!("{other:?}"),
        }
        // Just above the limit the size is the reason, not a failed decode: a header with a
        // valid checksum claims 6000 × 4001 pixels.
        let mut big = png(1, 1);
        big[16..20].copy_from_slice(&6000u32.to_be_bytes());
        big[20..24].copy_from_slice(&4001u32.to_be_bytes());
        let crc = crc32(&big[12..29]);
        big[29..33].copy_from_slice(&crc.to_be_bytes());
        let refusal = clean(&big, DEFAULT_MAX_BYTES);
        let limit = MAX_PIXELS;
        assert_eq!(refusal, Err(MediaRefusal::TooManyPixels { width: 6000, height: 4001, limit }));
        let truncated = &png(50, 50)[..60];
        assert!(matches!(clean(truncated, DEFAULT_MAX_BYTES), Err(MediaRefusal::Unreadable(_))));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn images_are_cleaned_one_at_a_time() {
        let busy = CLEANING.acquire().await.unwrap();
        let waiting = tokio::spawn(clean_in_turn(png(10, 20), DEFAULT_MAX_BYTES));
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(!waiting.is_finished(), "a second image waits while one is cleaned");
        drop(busy);
        let cleaned = tokio::time::timeout(std::time::Duration::from_secs(10), waiting).await;
        assert_eq!(cleaned.unwrap().unwrap().unwrap().width, 10, "and is cleaned after it");
    }
}
