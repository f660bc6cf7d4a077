//! The answer of every CSV export (the consent log, the subscriber list; the API and the
//! editor UI's downloads alike). The first chunk is read before the answer starts, so a bad
//! subscriber id or an unreachable database is a problem document or error page; the rest is
//! streamed page by page, so a long export never sits in memory.

use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rundbrief_app::App;
use rundbrief_app::audit::AuditActor;
use rundbrief_app::consent::CsvExport;

/// The export's rows after the first chunk, one store page at a time.
fn csv_body<E: CsvExport>(app: App, export: E, first: Vec<u8>, next: Option<i64>) -> Body {
    let rest = futures::stream::unfold(next, move |after| {
        let app = app.clone();
        let export = export.clone();
        async move {
            let after = after?;
            match app.csv_chunk(&export, Some(after)).await {
                Ok(chunk) => Some((Ok(chunk.bytes), chunk.next)),
                // The status is sent already: breaking the stream tells the client.
                Err(error) => {
                    tracing::error!(%error, "{} broke off", E::NAME);
                    Some((Err(std::io::Error::other(format!("{} broke off", E::NAME))), None))
                }
            }
        }
    });
    let first = futures::stream::once(async move { Ok::<_, std::io::Error>(first) });
    Body::from_stream(futures::StreamExt::chain(first, rest))
}

/// `export` as a `text/csv` download named `filename`: the first chunk read, the rest streamed.
/// Audited once by `actor` when the first chunk was read.
pub(crate) async fn csv_response<E: CsvExport>(
    app: &App,
    actor: AuditActor,
    export: E,
    filename: &str,
) -> Result<Response, rundbrief_app::AppError> {
    let first = app.csv_chunk(&export, None).await?;
    app.audit_export(actor, &export).await;
    let body = csv_body(app.clone(), export, first.bytes, first.next);
    let disposition = format!("attachment; filename=\"{filename}\"");
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}
