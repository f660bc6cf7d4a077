//! The OpenAPI 3.1 description of `/api/v1`, generated from the handlers' annotations and the
//! response types, so it cannot drift from what the server does without the build noticing.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::api::{issues as api_issues, lists, sending as api_sending, subscribers};
use crate::error::{FieldProblem, Problem};

#[derive(OpenApi)]
#[openapi(
    info(title = "Rundbrief API", description = "Subscribers, lists, subscriptions, issues and their language variants of a Rundbrief instance. Errors are RFC 9457 problem documents (application/problem+json)."),
    servers((url = "/api/v1")),
    paths(
        subscribers::list_subscribers, subscribers::create_subscriber,
        subscribers::get_subscriber, subscribers::update_subscriber,
        subscribers::delete_subscriber, subscribers::consent_history,
        subscribers::add_subscription, subscribers::remove_subscription,
        lists::list_lists, lists::create_list, lists::get_list, lists::update_list,
        lists::delete_list,
        api_issues::list_issues, api_issues::create_issue, api_issues::get_issue,
        api_issues::update_issue, api_issues::delete_issue, api_issues::get_variant,
        api_issues::put_variant, api_issues::delete_variant, api_issues::audience,
        api_issues::preview, api_sending::send, api_sending::schedule, api_sending::pause,
        api_sending::resume, api_sending::cancel, api_sending::test, api_sending::progress,
    ),
    components(schemas(
        subscribers::SubscriberBody, subscribers::SubscriberPage, subscribers::SubscriberCreate,
        subscribers::SubscriberPatch, subscribers::ConsentEventBody, lists::ListBody,
        lists::ListInput, Problem, FieldProblem,
        api_issues::IssueBody, api_issues::IssuePage, api_issues::IssueCreate,
        api_issues::IssuePatch, api_issues::SegmentBody, api_issues::SegmentInputDoc,
        api_issues::VariantSummary, api_issues::VariantBody, api_issues::VariantInputDoc,
        api_issues::AudienceBody, api_issues::AudienceLanguageBody,
        api_sending::SendStarted, api_sending::ScheduleInput, api_sending::TestInput,
        api_sending::TestSent,
    )),
    modifiers(&BearerAuth),
    tags((name = "subscribers"), (name = "subscriptions"), (name = "lists"), (name = "issues"),
        (name = "variants")),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "bearer",
                SecurityScheme::Http(
                    HttpBuilder::new()
                        .scheme(HttpAuthScheme::Bearer)
                        .description(Some("A token from `rundbrief token create --name NAME`"))
                        .build(),
                ),
            );
        }
    }
}

/// `GET /api/v1/openapi.json`; needs no token, so clients can be generated from it.
pub async fn document() -> Response {
    match ApiDoc::openapi().to_json() {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(_) => axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_openapi_3_1_and_lists_every_route() {
        let doc: serde_json::Value =
            serde_json::from_str(&ApiDoc::openapi().to_json().expect("json")).expect("valid");
        assert!(
            doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.1")),
            "{}",
            doc["openapi"]
        );
        for path in [
            "/subscribers",
            "/subscribers/{id}",
            "/subscribers/{id}/lists/{list_id}",
            "/subscribers/{id}/consent",
            "/lists",
            "/lists/{id}",
            "/issues",
            "/issues/{id}",
            "/issues/{id}/variants/{lang}",
            "/issues/{id}/audience",
            "/issues/{id}/preview/{lang}",
        ] {
            assert!(doc["paths"][path].is_object(), "{path} missing");
        }
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    }
}
