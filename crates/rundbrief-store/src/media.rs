//! Images uploaded in the composer (issue 23), stored in the database so that a backup keeps
//! them. Each is found by its name, which names its content (see migration 0022), so a name
//! once given never shows another image.

use async_trait::async_trait;
use rundbrief_core::UserId;
use time::OffsetDateTime;

use crate::StoreResult;

/// An image as re-encoded on upload, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMedia {
    /// `{sha256 of data}-{width}x{height}.{extension}`, what `/media/{name}` says.
    pub name: String,
    /// `image/jpeg` or `image/png`.
    pub mime: String,
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
    /// The editor's account; `None` from the command line or an API token.
    pub uploaded_by: Option<UserId>,
}

/// A stored image without its bytes, as the composer lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaInfo {
    pub id: i64,
    pub name: String,
    pub mime: String,
    pub width: u32,
    pub height: u32,
    /// The size of the stored image in bytes.
    pub bytes: u64,
    pub uploaded_by: Option<UserId>,
    pub created_at: OffsetDateTime,
}

/// A stored image with its bytes, for serving it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    pub info: MediaInfo,
    pub data: Vec<u8>,
}

#[async_trait]
pub trait MediaStore {
    /// Stores an image; one whose name is stored already (the same content) is kept as it
    /// was, with its first uploader and time, and returned.
    async fn store_media(&self, new: &NewMedia, at: OffsetDateTime) -> StoreResult<MediaInfo>;
    /// The image of this name with its bytes, `None` when there is none.
    async fn media_file(&self, name: &str) -> StoreResult<Option<MediaFile>>;
    /// The newest images first, at most `limit`, without their bytes.
    async fn media_list(&self, limit: u32) -> StoreResult<Vec<MediaInfo>>;
}
