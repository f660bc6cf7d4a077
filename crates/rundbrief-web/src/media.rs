//! `GET /media/{name}`: the images uploaded in the composer (issue 23), as mails and the
//! archive link them. A name says its content (a hash of the bytes), so an answer never changes
//! and may be cached for a year; the type is the one the image was stored as, never guessed.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;
use crate::error::PageError;
use crate::extract::PageLang;

pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/media/{name}", get(image))
}

/// Caches may keep an image for a year without asking again: its URL names its content.
const CACHE: &str = "public, max-age=31536000, immutable";
/// An image is no document: nothing in it runs, whatever a browser makes of it.
const CSP: &str = "default-src 'none'; sandbox";

async fn image(
    State(state): State<AppState>,
    Path(name): Path<String>,
    page: PageLang,
    headers: HeaderMap,
) -> Response {
    let file = match state.app.media_file(&name).await {
        Ok(Some(file)) => file,
        Ok(None) => return PageError::not_found(page.lang).into_response(),
        Err(error) => return PageError::from_app(page.lang, error).into_response(),
    };
    let etag = format!("\"{}\"", file.info.name);
    let matched = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == etag || tag.trim() == "*"));
    let mut response =
        if matched { StatusCode::NOT_MODIFIED.into_response() } else { file.data.into_response() };
    let headers = response.headers_mut();
    if let Ok(mime) = HeaderValue::from_str(&file.info.mime) {
        headers.insert(header::CONTENT_TYPE, mime);
    }
    if let Ok(etag) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, etag);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    response
}
