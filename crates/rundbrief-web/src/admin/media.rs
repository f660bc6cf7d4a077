//! The composer's images (issue 23): `/admin/media` lists the uploaded images with the
//! Markdown that shows each in an issue, and takes new ones. The upload form's script
//! (`media.js`) sends the file itself as the body with the session's CSRF token in its header
//! (the guard then reads no body, and there is no multipart parser in the build), the alt text
//! in the query; the answer is JSON, and the page the script opens next shows the new image's
//! Markdown to paste.

use axum::extract::{Query, RawQuery};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures::StreamExt as _;
use maud::{Markup, html};
use rundbrief_app::media::MediaInfo;
use rundbrief_app::media::{MediaRefusal, UploadError};
use rundbrief_core::Language;
use serde::Deserialize;
use serde_json::{Value, json};

use super::form::failure;
use super::guard::Context;
use super::issues::{self, STYLE};
use super::layout::{self, Section, t, t_args};
use crate::admin::numbers::count;

const SCRIPT: &str = include_str!("media.js");
const SCRIPT_PATH: &str = "/admin/static/media.js";

/// The Markdown that shows a stored image, with the alt text the editor gave.
pub fn markdown(name: &str, alt: &str) -> String {
    // Brackets and backslashes would end or change the alt text; line breaks the image.
    let alt: String = alt
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .flat_map(|c| {
            let escape = matches!(c, '[' | ']' | '\\');
            escape.then_some('\\').into_iter().chain(std::iter::once(c))
        })
        .collect();
    format!("![{}]({}{name})", alt.trim(), rundbrief_render::MEDIA_PATH)
}

#[derive(Deserialize, Default)]
pub(crate) struct PageQuery {
    uploaded: Option<String>,
    alt: Option<String>,
}

/// `GET /admin/media`: the upload form and the images so far, newest first.
pub(crate) async fn page(
    Context { admin, lang, current }: Context,
    Query(query): Query<PageQuery>,
) -> Response {
    let images = match admin.web.app.media_list().await {
        Ok(images) => images,
        Err(error) => return failure(lang, error, "listing images"),
    };
    let max = admin.web.app.settings().media_max_bytes;
    let uploaded =
        query.uploaded.as_deref().and_then(|name| images.iter().find(|image| image.name == name));
    let alt = query.alt.unwrap_or_default();
    let can_edit = current.user.role.can_edit();
    let content = html! {
        style { (maud::PreEscaped(STYLE)) }
        @if let Some(image) = uploaded {
            div.notice role="status" {
                p { (t(lang, "admin-media-uploaded")) }
                (snippet(lang, image, &alt, "uploaded-markdown"))
                @if alt.trim().is_empty() {
                    p.alert { (t(lang, "admin-media-alt-missing")) }
                }
            }
        }
        @if !can_edit {
            p.notice role="status" { (t(lang, "admin-read-only-notice")) }
        }
        p { (t(lang, "admin-media-intro")) }
        noscript { p.alert { (t(lang, "admin-media-noscript")) } }
        div #media-errors role="alert" tabindex="-1" hidden {}
        form #media-form method="post" action="/admin/media" data-csrf=(current.csrf)
            data-error-file=(t(lang, "admin-media-error-file"))
            data-error-failed=(t(lang, "admin-error")) {
            fieldset.plain disabled[!can_edit] {
                label for="file" { (t(lang, "admin-media-file")) }
                p.hint #file-hint {
                    (t_args(lang, "admin-media-file-hint", &[("mb", num(max / 1024 / 1024))]))
                }
                input #file type="file" name="file" accept="image/jpeg,image/png,image/webp"
                    required aria-describedby="file-hint";
                label for="alt" { (t(lang, "admin-media-alt")) }
                p.hint #alt-hint { (t(lang, "admin-media-alt-hint")) }
                input #alt type="text" name="alt" maxlength="300" aria-describedby="alt-hint";
                p { button type="submit" { (t(lang, "admin-media-upload")) } }
            }
        }
        h2 { (t(lang, "admin-media-list")) }
        @if images.is_empty() {
            p { (t(lang, "admin-media-none")) }
        }
        ul.plain {
            @for (i, image) in images.iter().enumerate() {
                li {
                    // The editor describes the picture when using it; the thumbnail only helps
                    // to find it, so it is decorative here.
                    img src={ (rundbrief_render::MEDIA_PATH) (image.name) } alt=""
                        width=(image.width.min(160))
                        height=(u64::from(image.height) * u64::from(image.width.min(160)) / u64::from(image.width.max(1)));
                    p.hint {
                        (count(lang, i64::from(image.width))) " × " (count(lang, i64::from(image.height)))
                        " px, " (count(lang, i64::try_from(image.bytes / 1024).unwrap_or(i64::MAX))) " KB"
                    }
                    (snippet(lang, image, "", &format!("markdown-{i}")))
                }
            }
        }
        script src=(SCRIPT_PATH) defer {}
    };
    let title = t(lang, "admin-media-title");
    issues::respond(
        lang,
        StatusCode::OK,
        layout::page(lang, &title, Some(&current), Section::Issues, content),
    )
}

/// The warning above a preview when images of the text have no alt text; nothing when all do.
pub(crate) fn alt_warning(lang: Language, markdown: &str, id: &str) -> Markup {
    let missing = rundbrief_render::images_without_alt(markdown).len();
    html! {
        @if missing > 0 {
            p.alert id=(id) role="status" {
                (layout::t_count(lang, "admin-media-alt-warning", i64::try_from(missing).unwrap_or(i64::MAX)))
            }
        }
    }
}

/// The image's Markdown in a read-only field the editor copies from.
fn snippet(lang: Language, image: &MediaInfo, alt: &str, id: &str) -> Markup {
    html! {
        label for=(id) { (t(lang, "admin-media-markdown")) }
        input id=(id) type="text" readonly value=(markdown(&image.name, alt));
    }
}

/// `POST /admin/media`: the image as the body, the alt text in the query; answers JSON for the
/// form's script: the stored image and its Markdown, or the problem in the editor's language.
pub(crate) async fn upload(
    Context { admin, lang, current }: Context,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let max = admin.web.app.settings().media_max_bytes;
    let too_large = || refused(lang, &MediaRefusal::TooLarge { limit: max });
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok());
    if declared.and_then(|v| v.parse::<u64>().ok()).is_some_and(|n| n > max) {
        return too_large();
    }
    // Read up to the limit and no further: a body without a length is cut off there.
    let mut bytes = Vec::new();
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            return answer(StatusCode::BAD_REQUEST, json!({ "error": t(lang, "admin-error") }));
        };
        if (bytes.len() + chunk.len()) as u64 > max {
            return too_large();
        }
        bytes.extend_from_slice(&chunk);
    }
    let alt = form_urlencoded::parse(query.as_deref().unwrap_or_default().as_bytes())
        .find(|(key, _)| key == "alt")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    match admin.web.app.upload_media(bytes, Some(current.user.id)).await {
        Ok(image) => answer(
            StatusCode::CREATED,
            json!({
                "name": image.name,
                "url": format!("{}{}", rundbrief_render::MEDIA_PATH, image.name),
                "width": image.width,
                "height": image.height,
                "markdown": markdown(&image.name, &alt),
            }),
        ),
        Err(UploadError::Refused(refusal)) => refused(lang, &refusal),
        Err(UploadError::App(error)) => {
            tracing::error!(%error, "storing an uploaded image failed");
            let status = match &error {
                rundbrief_app::AppError::Store(e) if e.is_unavailable() => {
                    StatusCode::SERVICE_UNAVAILABLE
                }
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            };
            answer(status, json!({ "error": t(lang, "admin-error") }))
        }
    }
}

/// A refused upload: its status and the reason in the editor's language.
fn refused(lang: Language, refusal: &MediaRefusal) -> Response {
    let (status, message) = refusal_message(lang, refusal);
    answer(status, json!({ "error": message }))
}

/// The status and the editor's text of a refusal (the API says the same in English).
pub fn refusal_message(lang: Language, refusal: &MediaRefusal) -> (StatusCode, String) {
    match refusal {
        MediaRefusal::TooLarge { limit } => (
            StatusCode::PAYLOAD_TOO_LARGE,
            t_args(lang, "admin-media-error-too-large", &[("mb", num(limit / 1024 / 1024))]),
        ),
        MediaRefusal::Empty => {
            (StatusCode::UNPROCESSABLE_ENTITY, t(lang, "admin-media-error-file"))
        }
        MediaRefusal::Svg => (StatusCode::UNSUPPORTED_MEDIA_TYPE, t(lang, "admin-media-error-svg")),
        MediaRefusal::Unsupported => {
            (StatusCode::UNSUPPORTED_MEDIA_TYPE, t(lang, "admin-media-error-type"))
        }
        MediaRefusal::TooManyPixels { width, height, limit } => (
            StatusCode::UNPROCESSABLE_ENTITY,
            t_args(
                lang,
                "admin-media-error-pixels",
                &[
                    ("width", num(u64::from(*width))),
                    ("height", num(u64::from(*height))),
                    ("megapixels", num(limit / 1_000_000)),
                ],
            ),
        ),
        MediaRefusal::Unreadable(_) => {
            (StatusCode::UNPROCESSABLE_ENTITY, t(lang, "admin-media-error-unreadable"))
        }
    }
}

fn num(n: u64) -> rundbrief_i18n::Arg<'static> {
    rundbrief_i18n::Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
}

fn answer(status: StatusCode, body: Value) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

pub(crate) async fn script() -> Response {
    layout::script(SCRIPT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markdown_keeps_the_alt_text_whole() {
        assert_eq!(
            markdown("a-1x1.png", " Hafen [Kiel]\n "),
            "![Hafen \\[Kiel\\]](/media/a-1x1.png)"
        );
        assert_eq!(markdown("a-1x1.png", ""), "![](/media/a-1x1.png)");
    }
}
