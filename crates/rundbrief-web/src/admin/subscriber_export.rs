//! `GET /admin/subscribers.csv`: the subscriber list's current filter as CSV, the same file as
//! `rundbrief export subscribers` and `GET /api/v1/subscribers.csv`.

use axum::extract::RawQuery;
use axum::response::Response;

use super::form::failure;
use super::guard::Context;
use crate::api::csv_response;
use crate::api::subscriber_export::SUBSCRIBERS_CSV;

pub(crate) async fn export(
    Context { admin, lang, current }: Context,
    RawQuery(raw): RawQuery,
) -> Response {
    let filter = super::subscribers::filter_of(raw.as_deref());
    match csv_response(&admin.web.app, current.actor(), filter, SUBSCRIBERS_CSV).await {
        Ok(response) => response,
        Err(error) => failure(lang, error, "exporting subscribers"),
    }
}
