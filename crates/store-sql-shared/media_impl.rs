// `MediaStore`: images uploaded in the composer (migration 0022). Compiled into each backend
// with `include!` inside a child module of the one that includes store_impl.rs, whose helpers
// (`db_err`, `ts`, `page_limit`) it uses through `super::*`.

use rundbrief_store::{MediaFile, MediaInfo, MediaStore, NewMedia};

macro_rules! media_columns {
    () => {
        "id, name, mime, width, height, bytes, uploaded_by, created_at"
    };
}

#[derive(sqlx::FromRow)]
struct MediaRow {
    id: i64,
    name: String,
    mime: String,
    width: i32,
    height: i32,
    bytes: i64,
    uploaded_by: Option<i64>,
    created_at: OffsetDateTime,
}

impl TryFrom<MediaRow> for MediaInfo {
    type Error = StoreError;

    fn try_from(row: MediaRow) -> StoreResult<Self> {
        let size = |value: i64, column: &str| {
            u64::try_from(value).map_err(|_| StoreError::Corrupt {
                table: "media",
                detail: format!("{column} is negative: {value}"),
            })
        };
        let pixels = |value: i32, column: &str| {
            u32::try_from(value).map_err(|_| StoreError::Corrupt {
                table: "media",
                detail: format!("{column} is negative: {value}"),
            })
        };
        Ok(MediaInfo {
            id: row.id,
            name: row.name,
            mime: row.mime,
            width: pixels(row.width, "width")?,
            height: pixels(row.height, "height")?,
            bytes: size(row.bytes, "bytes")?,
            uploaded_by: row.uploaded_by.map(UserId),
            created_at: row.created_at,
        })
    }
}

/// A dimension as the INTEGER column takes it; uploads are far below its limit.
fn dimension(value: u32) -> StoreResult<i32> {
    i32::try_from(value).map_err(|_| StoreError::Invalid(format!("image dimension {value}")))
}

#[async_trait]
impl MediaStore for StoreImpl {
    async fn store_media(&self, new: &NewMedia, at: OffsetDateTime) -> StoreResult<MediaInfo> {
        let bytes = i64::try_from(new.data.len())
            .map_err(|_| StoreError::Invalid("image too large".into()))?;
        // The same content is the same name: the first upload's row stays as it was.
        sqlx::query(
            "INSERT INTO media (name, mime, width, height, bytes, data, uploaded_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (name) DO NOTHING",
        )
        .bind(&new.name)
        .bind(&new.mime)
        .bind(dimension(new.width)?)
        .bind(dimension(new.height)?)
        .bind(bytes)
        .bind(&new.data)
        .bind(new.uploaded_by.map(|user| user.0))
        .bind(ts(at))
        .execute(self.writer())
        .await
        .map_err(db_err)?;
        let sql = concat!("SELECT ", media_columns!(), " FROM media WHERE name = $1");
        // Read on the writer: the read pool may not see the row just written yet.
        let row: Option<MediaRow> = sqlx::query_as(sql)
            .bind(&new.name)
            .fetch_optional(self.writer())
            .await
            .map_err(db_err)?;
        row.ok_or(StoreError::NotFound("media"))?.try_into()
    }

    async fn media_file(&self, name: &str) -> StoreResult<Option<MediaFile>> {
        let sql = concat!("SELECT ", media_columns!(), " FROM media WHERE name = $1");
        let Some(row) = sqlx::query_as::<_, MediaRow>(sql)
            .bind(name)
            .fetch_optional(self.reader())
            .await
            .map_err(db_err)?
        else {
            return Ok(None);
        };
        let info: MediaInfo = row.try_into()?;
        let (data,): (Vec<u8>,) = sqlx::query_as("SELECT data FROM media WHERE id = $1")
            .bind(info.id)
            .fetch_one(self.reader())
            .await
            .map_err(db_err)?;
        Ok(Some(MediaFile { info, data }))
    }

    async fn media_list(&self, limit: u32) -> StoreResult<Vec<MediaInfo>> {
        let sql = concat!("SELECT ", media_columns!(), " FROM media ORDER BY id DESC LIMIT $1");
        let rows: Vec<MediaRow> = sqlx::query_as(sql)
            .bind(page_limit(limit))
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        rows.into_iter().map(MediaInfo::try_from).collect()
    }
}
